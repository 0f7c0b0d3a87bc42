// The new Microsoft–OpenAI agreement, as a knowledge graph.
//
// Source: PCMag, article by Jon Martindale on the new agreement between
// Microsoft and OpenAI. Every relationship records it as `source: 'PCMag'`.
// Every node has a `name`. Dates are Cypher dates; where the article gives
// only a month ("April 2025") or a year (the IPO is planned for next year:
// 2026, the article being of 2025), the date is the first day of it and a
// `..._precision` property (`'month'`, `'year'`) says so.
//
// Load it with:  quiver --load graphs/microsoft-openai.cypher
// The hyphenated relationship types (`invests-in`) are a quiver extension:
// openCypher would need them in backticks.

CREATE
  // Nodes
  (microsoft:Company {name: 'Microsoft', hq: 'Redmond'}),
  (openai:Company {name: 'OpenAI', planned_ipo_usd: 500000000000, planned_ipo: date('2026-01-01'), planned_ipo_precision: 'year'}),
  (azure:Platform {name: 'Azure', kind: 'cloud'}),
  (ziffdavis:Company {name: 'Ziff Davis'}),
  (paypal:Company {name: 'PayPal'}),
  (pcmag:Publication {name: 'PCMag'}),
  (chatgpt:Product {name: 'ChatGPT'}),
  (altman:Person {name: 'Sam Altman'}),
  (martindale:Person {name: 'Jon Martindale', country: 'UK'}),

  // Microsoft and OpenAI
  (microsoft)-[:stake {percent: 27, value_usd: 130000000000, source: 'PCMag'}]->(openai),
  (microsoft)-[:invests-in {amount_usd: 13000000000, period: 'early years', source: 'PCMag'}]->(openai),
  (microsoft)-[:revenue-share {percent: 20, source: 'PCMag'}]->(openai),
  (microsoft)-[:partners-with {source: 'PCMag'}]->(openai),

  // Azure
  (microsoft)-[:owns {source: 'PCMag'}]->(azure),
  (openai)-[:invests-in {amount_usd: 250000000000, what: 'Azure compute capacity', source: 'PCMag'}]->(azure),
  (openai)-[:runs-on {what: 'OpenAI API', source: 'PCMag'}]->(azure),

  // OpenAI's products and partners
  (openai)-[:partners-with {what: 'commerce inside ChatGPT', source: 'PCMag'}]->(paypal),
  (openai)-[:develops {source: 'PCMag'}]->(chatgpt),
  (altman)-[:ceo-of {source: 'PCMag'}]->(openai),

  // The publisher, its lawsuit and its writer
  (ziffdavis)-[:sued {filed: date('2025-04-01'), filed_precision: 'month', claim: 'copyright infringement', source: 'PCMag'}]->(openai),
  (ziffdavis)-[:owns {source: 'PCMag'}]->(pcmag),
  (martindale)-[:writes-for {source: 'PCMag'}]->(pcmag);
