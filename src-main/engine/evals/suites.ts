/**
 * The labelled prompt sets `evals.run` ships with: a few cases per task, graded automatically.
 * Small on purpose: an evaluation is paid for like any call.
 */
export type Grade =
  | { type: 'exact'; answer: string }
  | { type: 'regex'; pattern: string }
  | { type: 'json'; fields: Record<string, string | number | boolean> };

export interface EvalCase {
  prompt: string;
  grade: Grade;
}

export interface EvalSuite {
  id: string;
  system: string;
  cases: EvalCase[];
}

const suite = (task: string, system: string, cases: EvalCase[]): [string, EvalSuite] => [task, { id: `${task}-v1`, system, cases }];

export const SUITES: ReadonlyMap<string, EvalSuite> = new Map([
  suite('code', 'Answer with code only.', [
    { prompt: 'Write a JavaScript function named add that returns the sum of its two arguments.', grade: { type: 'regex', pattern: 'function\\s+add\\s*\\(|const\\s+add\\s*=' } },
    { prompt: 'In Python, what keyword defines a function? Answer with the keyword only.', grade: { type: 'exact', answer: 'def' } },
    { prompt: 'Write a SQL query selecting every column of the table users.', grade: { type: 'regex', pattern: 'select\\s+\\*\\s+from\\s+users' } },
  ]),
  suite('legal', 'You are a contracts lawyer. Answer briefly.', [
    { prompt: 'Which clause limits how much one party must pay the other for damages? Name the clause.', grade: { type: 'regex', pattern: 'limitation of liability' } },
    { prompt: 'What does NDA stand for?', grade: { type: 'regex', pattern: 'non-?disclosure agreement' } },
    { prompt: 'Is a verbal agreement ever a binding contract? Answer yes or no.', grade: { type: 'exact', answer: 'yes' } },
  ]),
  suite('medical', 'You are a clinical coder. Answer briefly.', [
    { prompt: 'What organ does hepatitis affect? One word.', grade: { type: 'exact', answer: 'liver' } },
    { prompt: 'Extract the dose in mg from: "Amoxicillin 500 mg three times daily". Answer with the number.', grade: { type: 'exact', answer: '500' } },
    { prompt: 'What does the abbreviation BP usually mean in a clinical note?', grade: { type: 'regex', pattern: 'blood pressure' } },
  ]),
  suite('finance', 'You are a financial analyst. Answer briefly.', [
    { prompt: 'Revenue was 200 and costs were 150. What is the profit? Answer with the number.', grade: { type: 'exact', answer: '50' } },
    { prompt: 'What does EBITDA stand for?', grade: { type: 'regex', pattern: 'earnings before interest,? taxes,? depreciation,? and amorti[sz]ation' } },
    { prompt: 'Extract the invoice total from: "Invoice INV-2931, total due EUR 1,250.00 by 30 June". Answer with the number.', grade: { type: 'regex', pattern: '1,?250' } },
  ]),
  suite('translation', 'Translate exactly, answer with the translation only.', [
    { prompt: 'Translate to French: "thank you"', grade: { type: 'regex', pattern: '^\\s*merci' } },
    { prompt: 'Translate to German: "good morning"', grade: { type: 'regex', pattern: 'guten morgen' } },
    { prompt: 'Translate to Spanish: "cat"', grade: { type: 'regex', pattern: '\\bgato\\b' } },
  ]),
  suite('support', 'You are a support agent. Answer briefly.', [
    { prompt: 'Classify the ticket "I was charged twice this month" as billing, technical or account. One word.', grade: { type: 'exact', answer: 'billing' } },
    { prompt: 'Classify the ticket "The app crashes when I open settings" as billing, technical or account. One word.', grade: { type: 'exact', answer: 'technical' } },
    { prompt: 'A customer cannot log in. Name the first thing to reset, in two words.', grade: { type: 'regex', pattern: 'password' } },
  ]),
  suite('summarisation', 'Summarise in at most ten words.', [
    { prompt: 'Summarise: "The meeting moved from Monday to Wednesday because the CFO is travelling."', grade: { type: 'regex', pattern: 'wednesday' } },
    { prompt: 'Summarise: "Sales rose 12% in Q3, driven by the new subscription plan."', grade: { type: 'regex', pattern: '12' } },
    { prompt: 'Summarise: "The server outage lasted two hours and affected only EU customers."', grade: { type: 'regex', pattern: '(two|2) hours|outage' } },
  ]),
  suite('extraction', 'Answer with JSON only.', [
    { prompt: 'Extract {"name", "age"} from: "Maria Lopez, 34, joined in 2019."', grade: { type: 'json', fields: { name: 'Maria Lopez', age: 34 } } },
    { prompt: 'Extract {"invoice"} from: "Please pay invoice INV-2931 by Friday."', grade: { type: 'json', fields: { invoice: 'INV-2931' } } },
    { prompt: 'Extract {"city"} from: "Ship to 12 Rue Oberkampf, Paris."', grade: { type: 'json', fields: { city: 'Paris' } } },
  ]),
  suite('chat', 'Be brief.', [
    { prompt: 'What is the capital of Italy? One word.', grade: { type: 'exact', answer: 'rome' } },
    { prompt: 'How many days are in a week? Answer with the number.', grade: { type: 'exact', answer: '7' } },
    { prompt: 'Name the colour of a clear daytime sky in one word.', grade: { type: 'exact', answer: 'blue' } },
  ]),
  suite('classification', 'Answer with the label only.', [
    { prompt: 'Sentiment of "I love this product" (positive or negative)?', grade: { type: 'exact', answer: 'positive' } },
    { prompt: 'Sentiment of "This is the worst service ever" (positive or negative)?', grade: { type: 'exact', answer: 'negative' } },
    { prompt: 'Is "Buy cheap watches now!!!" spam or ham?', grade: { type: 'exact', answer: 'spam' } },
  ]),
]);

function firstJsonObject(text: string): Record<string, unknown> | null {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  try {
    const value = JSON.parse(text.slice(start, end + 1)) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Grades one answer: exact (trimmed, case- and final-period-insensitive), regex (case-insensitive) or JSON fields. */
export function grade(answer: string, g: Grade): boolean {
  switch (g.type) {
    case 'exact':
      return answer.trim().replace(/[.!]+$/, '').toLowerCase() === g.answer.toLowerCase();
    case 'regex':
      return new RegExp(g.pattern, 'i').test(answer);
    case 'json': {
      const obj = firstJsonObject(answer);
      return obj !== null && Object.entries(g.fields).every(([k, v]) => obj[k] === v);
    }
  }
}
