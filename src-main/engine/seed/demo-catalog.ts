/** The demo marketplace's producers: who they are and what they specialise in. */
export interface DemoProducer {
  name: string;
  description: string;
  website: string;
  tasks: string[];
  industries: string[];
  /** Input price band per 1M tokens, in credits (the seeder picks within it). */
  band: [number, number];
  perRequestMicro: number;
  models: string[];
}

export const LOCAL_PRODUCER: DemoProducer = {
  name: 'My Model Lab',
  description: 'The demo producer you can act as: its key is kept in this demo folder, so the producer console can manage these listings.',
  website: 'https://example.org/my-lab',
  tasks: ['support', 'classification', 'chat'],
  industries: ['retail', 'saas'],
  band: [0.2, 1.2],
  perRequestMicro: 0,
  models: ['Helpdesk Triage 7B', 'Ticket Router Mini', 'Retail Chat 13B', 'Intent Classifier XS'],
};

export const DEMO_PRODUCERS: DemoProducer[] = [
  { name: 'Lexicon Legal AI', description: 'Contract review and legal research models trained on case law and clause libraries.', website: 'https://example.org/lexicon', tasks: ['legal', 'extraction', 'summarisation'], industries: ['legal', 'insurance'], band: [2, 12], perRequestMicro: 2_000, models: ['Clause Analyst 70B', 'Contract Redliner 34B', 'Case Law Summariser', 'NDA Checker 8B', 'Legal Research Pro', 'Compliance Scout 13B'] },
  { name: 'MediSense', description: 'Clinical note understanding and medical coding, evaluated on de-identified records.', website: 'https://example.org/medisense', tasks: ['medical', 'extraction', 'summarisation'], industries: ['healthcare', 'pharma'], band: [3, 15], perRequestMicro: 3_000, models: ['Clinical Notes 70B', 'ICD Coder 13B', 'Discharge Summariser', 'Radiology Report Reader', 'Pharma Label Extractor', 'Triage Assistant 8B'] },
  { name: 'Quantia Finance', description: 'Financial statement analysis, KYC document extraction and market commentary.', website: 'https://example.org/quantia', tasks: ['finance', 'extraction', 'classification'], industries: ['banking', 'fintech', 'insurance'], band: [1, 10], perRequestMicro: 1_000, models: ['Filings Analyst 70B', 'KYC Extractor 13B', 'Earnings Call Summariser', 'Fraud Signal Classifier', 'Risk Memo Writer 34B', 'Invoice Parser 8B'] },
  { name: 'Polyglot Labs', description: 'Translation models fine-tuned per language pair and domain glossary.', website: 'https://example.org/polyglot', tasks: ['translation', 'chat'], industries: ['media', 'e-commerce', 'legal'], band: [0.3, 4], perRequestMicro: 0, models: ['Polyglot EN-DE Pro', 'Polyglot EN-JA 13B', 'Polyglot Legal EN-FR', 'Polyglot Any2Any 70B', 'Subtitle Translator 7B', 'Polyglot EN-ES Lite'] },
  { name: 'CodeForge', description: 'Code generation, review and migration models evaluated on unit-tested tasks.', website: 'https://example.org/codeforge', tasks: ['code', 'chat'], industries: ['software', 'devtools'], band: [0.5, 8], perRequestMicro: 0, models: ['Forge Coder 34B', 'Forge Coder 7B', 'SQL Smith 13B', 'Legacy COBOL Migrator', 'Test Writer 13B', 'Forge Reviewer 70B'] },
  { name: 'HelpDesk AI', description: 'Customer support agents tuned on resolved tickets and product manuals.', website: 'https://example.org/helpdesk', tasks: ['support', 'chat', 'classification'], industries: ['saas', 'telecom', 'retail'], band: [0.2, 3], perRequestMicro: 0, models: ['Support Agent 13B', 'Support Agent 70B', 'Telecom Care 8B', 'Refund Resolver', 'Macro Suggester 3B', 'Escalation Predictor'] },
  { name: 'Brevity', description: 'Summarisation of long documents, meetings and threads with citation spans.', website: 'https://example.org/brevity', tasks: ['summarisation', 'extraction'], industries: ['media', 'consulting', 'legal'], band: [0.3, 5], perRequestMicro: 0, models: ['Brevity Long 128k', 'Meeting Minutes 13B', 'Thread Digest 7B', 'Research Abstracts 34B', 'News Brief 8B', 'Brevity Bullet 3B'] },
  { name: 'Parsewell', description: 'Structured extraction into JSON from forms, emails and PDFs.', website: 'https://example.org/parsewell', tasks: ['extraction', 'classification'], industries: ['logistics', 'insurance', 'banking'], band: [0.2, 4], perRequestMicro: 500, models: ['Form Parser 13B', 'Email Intake 7B', 'Bill of Lading Reader', 'Claims Extractor 34B', 'Receipt Reader 3B', 'Schema Mapper 13B'] },
  { name: 'Northwind Models', description: 'General-purpose assistants with strong instruction following, priced for volume.', website: 'https://example.org/northwind', tasks: ['chat', 'summarisation', 'code', 'translation'], industries: ['general'], band: [0.1, 6], perRequestMicro: 0, models: ['Northwind 405B', 'Northwind 70B', 'Northwind 8B', 'Northwind 3B', 'Northwind Vision 11B', 'Northwind Embed'] },
  { name: 'Aurora Research', description: 'Research-grade reasoning models for analysis-heavy finance and medical work.', website: 'https://example.org/aurora', tasks: ['finance', 'medical', 'code', 'legal'], industries: ['research', 'healthcare', 'banking'], band: [4, 15], perRequestMicro: 5_000, models: ['Aurora Reasoner 120B', 'Aurora Analyst 70B', 'Aurora Med 34B', 'Aurora Quant 34B', 'Aurora Code 70B', 'Aurora Mini 8B'] },
];
