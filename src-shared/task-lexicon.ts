/**
 * The task classifier's cues: for each known task, patterns with weights, written by hand (no
 * trained or downloaded weights). A cue says either what is asked ("translate", "summarise",
 * "classify") or which field the request is in ("clause", "dose", "EBITDA"); docs/routing.md
 * explains how they combine. Patterns run on lower-cased text.
 */
export type Cue = readonly [pattern: RegExp, weight: number];

const LANGUAGES =
  'english|french|spanish|german|italian|portuguese|japanese|chinese|mandarin|cantonese|korean|russian|arabic|hindi|dutch|swedish|polish|turkish|greek|vietnamese|thai|hebrew|finnish|indonesian|norwegian|danish|czech|ukrainian|romanian|hungarian|bengali|urdu|swahili|tagalog|malay|persian|farsi|catalan|latin';

export const TASK_CUES: Readonly<Record<string, readonly Cue[]>> = {
  translation: [
    [/\btranslat(e|es|ed|ing|ion|ions)\b/, 4],
    [new RegExp(`\\b(in|into|to|from)\\s+(formal\\s+|informal\\s+|brazilian\\s+|european\\s+|simplified\\s+|traditional\\s+|plain\\s+)?(${LANGUAGES})\\b`), 2.5],
    [new RegExp(`\\b(the\\s+)?(${LANGUAGES})\\s+(for|word|translation|version)\\b`), 2.5],
    [/\bhow (do|would|can) (you|i|a native speaker) say\b/, 3],
    [/\b(locali[sz]e|render this)\b/, 1.5],
    [/\bsubtitles?\b/, 1],
  ],
  summarisation: [
    [/\bsummar(y|ies|i[sz]e|i[sz]es|i[sz]ed|i[sz]ing)\b/, 4],
    [/\b(tl;?dr|gist|synopsis|recap)\b/, 3],
    [/\b(condense|shorten|boil (this|it) down|sum up|outline the main)\b/, 3],
    [/\b(key (points|takeaways)|main (points|arguments|ideas)|executive summary|short version|brief overview|overview of)\b/, 2],
    [/\bin (one|two|three|a few|\d) (sentences?|lines?|bullet points?|bullets|words)\b/, 0.8],
    [/\b(bullet points?|headline|reduce this|most important|in plain words|what is this .{0,30} about)\b/, 2],
  ],
  extraction: [
    [/\bextract(s|ed|ing|ion)?\b/, 4],
    [/\b(pull (out|the .{1,40} out)|pick out|parse|find all|fill in this schema|named entities|key-value)\b/, 2.5],
    [/\b(json|csv|as a table|return a table|into fields|structure this)\b/, 2],
    [/\b(mentioned|named|listed|appear)\b.{0,30}\b(in|from)\b/, 2],
    // The request ends where its material starts: "… from: <text>".
    [/\b(from|in)\s*$/, 1.5],
    [/\b(list|get)( me)? (all|every|the)\b/, 1],
    [/\b(every|all( the)?|each)\b.{0,40}\b(in|from) (this|these|the following)\b/, 1.5],
    [/\b(in|of) this (\w+ )?(invite|receipt|text|email|paragraph|sentence|list|log|note|schedule|document|header|message|citation|transcript|list|ad|flyer|block|bill|article|cv)\b/, 2],
    [/\bfrom (this|the following|these)\b/, 1],
  ],
  classification: [
    [/\b(classif(y|ies|ied|ication)|categori[sz]e|categories|category|label(s|led)?|tag each)\b/, 3],
    [/\b(sentiment|spam|toxic|sarcastic|clickbait|phishing|genre|intent|part of speech|formal or informal|fact or opinion)\b/, 3],
    [/\b(positive|negative|neutral)\b/, 2],
    [/\bwhat language is (this|the following|it)\b/, 3],
    [/\b(sort|put|group|divide)\b.{0,40}\binto\b/, 2],
    [/\b(belongs? to|which of these|assign one of|decide whether|determine whether)\b/, 1.5],
    [/\b(is|does) (this|it|the following)\b.{0,60}\bor\b/, 1],
    // A list of options to choose from: "business, science or entertainment".
    [/\b\w+, \w+,? or \w+\b/, 1.5],
    [/\b(joy|anger|sadness|fear|emotion)\b/, 1],
    [/\b(tone|polite or rude|department|should handle|satire|fake|priority|which (label|bucket|class|queue))\b/, 2],
    [/\b(is|are) (this|these|the) \w+( \w+)? (about )?\w+ or \w+\b/, 2],
  ],
  code: [
    [/(?<![\w#+])(python|javascript|typescript|java|kotlin|rust|golang|go program|goroutines?|c#|c\+\+|php|ruby|scala|haskell|sql|bash|shell script|regex|html|css|react|node|express|flask|django|docker|kubernetes|git|github actions|npm|pytest)(?![\w#+])/, 2.5],
    [/\b(function|class|method|struct|variable|loop|array|linked list|binary search|algorithm|complexity|recursive|compile|compiles|compiling|refactor|debug|bug|snippet|one-liner|script|endpoint|api|unit tests?|callback|async|await|generator|keyword|pointer|thread|memoi[sz]e|dependency injection|type that|re-?renders?|build fails)\b/, 1.5],
    [/\b(typeerror|segmentation fault|stack trace|exception|error ts\d+|detached head|o\(n)\b/, 2.5],
    [/(=>|\bdef \w+\(|\w\(\)|[{};]\s*$|\bfor \(|`)/m, 2],
    [/\bin c\b/, 1.5],
    [/\b(pandas|numpy|dataframe|spring boot|app fails|server|port \d+|database|query|commit|branch|merge|repo|repository|deploy|framework|library|module|div|flexbox|frontend|backend|compiler|runtime|mutex|race condition|deadlock|makefile|executable|command line|terminal|null|undefined|integer|boolean|syntax|lint|xml|yaml|http|sdk|jvm|yarn|js|ts|programming|developer|code)\b/, 1.5],
    [/\b\w+\.(c|py|js|ts|tsx|java|go|rs|rb|cpp|h|sh|yml|yaml)\b/, 2],
  ],
  legal: [
    [/\b(contracts?|clauses?|agreements?|nda|liabilit(y|ies)|indemnit(y|ies)|warrant(y|ies)|jurisdiction|lawsuit|plaintiff|defendant|statute|tenants?|landlord|lease|evict|copyright|trademark|patent|trade secret|gdpr|data controller|terms of service|court|attorney|lawyer|legal|legally|law|arbitration|litigation|force majeure|enforceable|probate|felony|misdemeanor|negligence|fair use|cease and desist|licen[cs]e|vesting|intellectual property|binding|security deposit|rights)\b/, 2],
    [/\b(a will|the will|without a will|power of attorney|governing law|breach of contract|data breach|competitor)\b/, 2],
  ],
  medical: [
    [/\b(patients?|symptoms?|diagnos(is|e|ed|tic)|differential|doses?|dosage|mg|medications?|medicine|drugs?|prescriptions?|prescribed|clinical|icd-?10|icd|blood|fever|pain|disease|treatment|doctor|gp|nurse|hospital|therapy|allerg(y|ic|ies)|diabet(es|ic)|surgery|surgical|post-operative|vaccines?|side effects?|mri|infections?|antibiotics?|viral|bacterial|hba1c|ana?emia|hypertension|troponin|stroke|flu|platelets?|inhaler|asthma|kidney|egfr|ssris?|thyroid|anaphylaxis|adrenaline|sprain(ed)?|appendicitis|appendectomy|osteoporosis|insulin|lyme|knee replacement|discharge note|rash|pneumonia)\b/, 2],
    [/\b\w+(cillin|statin|pril|formin|profen|olol|azole|mab|amol)\b/, 2],
    [/\b(vitamins?|throat|gout|cholesterol|heart( rate| attack)?|dizzy|dizziness|headaches?|migraines?|nausea|cough|cancer|tumou?r|injury|wound|pregnan(t|cy)|physician|pharmacist|supplements?|eczema|acne|bones?|fracture|arthritis|pulse|pills?|ointment|chronic|acute|syndrome|disorder|depression|anxiety|adhd|dementia|covid|strep|bacteria|virus|immune|liver|lungs?|dentist|mmol|bpm|health|sick|illness|cholesterol|scan|x-ray|ct scan)\b/, 2],
  ],
  finance: [
    [/\b(revenue|profit|margins?|ebitda|ebit|cash flow|balance sheet|profit and loss|p&l|invoices?|interest|loans?|mortgage|stocks?|bonds?|portfolio|dividends?|tax|budget|roi|npv|net present value|irr|rate of return|inflation|equity|valuations?|earnings|accounting|depreciation|amorti[sz]ation|yield curve|invest(ing|ment|or|ors)?|index fund|etf|ira|capital gains|working capital|break-even|hedging|currency|venture capital|pre-money|post-money|savings|debt|bank statement|ledger|reconcile|payment terms|net \d+|forecast|diversification|expenses|costs?|sales)\b/, 2],
    [/([$€£]\s?\d|\b\d[\d,.]*\s?(k|m|bn|million|billion)\b|\d+(\.\d+)?%)/, 0.5],
    [/\b(ratio|options?|runway|burn|bank|taxes|receivable|payable|accounts|credit|rating|buybacks?|shares?|per share|stock market|capex|opex|funds?|assets|audit|payroll|cfo|fiscal|quarterly|income|wealth|retirement|pension|crypto|bitcoin|exchange rate|forex|gdp|economy|recession|financial|finance|money|pay(ment)?s?|monthly payment|lease or buy|cost of)\b/, 2],
  ],
  support: [
    [/\b(customers?|subscribers?|refunds?|helpdesk|support|tickets?|escalate|faq)\b/, 2],
    [/\b(my order|order #?\d+|orders?|subscriptions?|membership|my account|password|log ?in|login|locked|delivery|shipping|ship|shipped|package|tracking|charged|promo code|checkout|free trial|payment method|upgrade my plan|delete my account|wrong size|exchange|damaged|missing part|replacement|apolog(y|ise|ize))\b/, 2],
    [/\b(reply|respond|response)\b/, 1],
    [/\b(parcel|coupon|billed|download link|purchase|in stock|item|seats?|cancel(led)?|agent|discount|card (was )?declined|renew|customer service|fix it|not working|reset|my (parcel|package|item|purchase|bill|card|plan))\b/, 2],
  ],
  chat: [
    [/^(hi|hello|hey|good (morning|afternoon|evening))\b/, 2.5],
    [/\b(joke|fun fact|poem|(write|tell)( me)? a .{0,30}story|recommend|suggest a gift|gift|ideas|brainstorm|tips|advice|favou?rite|let's play|plan a .{0,20}trip|trip|cook|dinner|workout|bored|puppy|for a party|birthday party|tell me about|describe)\b/, 1.5],
  ],
};

/**
 * A request that opens with an action verb asks for that action, whatever field its material is
 * from ("Extract the order number from: <a shipping e-mail>").
 */
export const LEADING_ACTIONS: Readonly<Record<string, RegExp>> = {
  translation: /^\s*(please\s+)?translat/,
  summarisation: /^\s*(please\s+)?(summar|condense|shorten|recap|sum up|tl;?dr)/,
  extraction: /^\s*(please\s+)?(extract|pull out|parse|pick out|find all)/,
  classification: /^\s*(please\s+)?(classif|categori|label|tag|sort|detect|determine|decide)/,
};
export const LEADING_ACTION_BONUS = 2;

/** What an unclassified prompt is: plain conversation. It also wins every tie, as the safest guess. */
export const FALLBACK_TASK = 'chat';
/** The score the fallback starts with: one weak cue (a single word) is not enough to leave it. */
export const FALLBACK_PRIOR = 1.5;
/** How much a cue counts inside quoted or pasted material rather than in the request itself. */
export const MATERIAL_WEIGHT = 0.35;
