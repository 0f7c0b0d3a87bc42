// The new Microsoft–OpenAI agreement, as a knowledge graph.
//
// Source: PCMag, article by Jon Martindale on the new agreement between
// Microsoft and OpenAI. The file states it once, as the metadata of the
// commit that loads it (`tx.setMetaData`, below, in the same statement as
// the facts, so that the file is one statement and one commit however it
// is run): `sources(r)` of every node and relationship names it, and
// `quiver log` shows it.
// Every node has a `name`. Dates are Cypher dates; where the article gives
// only a month ("April 2025") or a year (the IPO is planned for next year:
// 2026, the article being of 2025), the date is the first day of it and a
// `..._precision` property (`'month'`, `'year'`) says so.
//
// Load it with:  quiver --load graphs/microsoft-openai.cypher
// The hyphenated relationship types (`invests-in`) are a quiver extension:
// openCypher would need them in backticks.

CALL tx.setMetaData({
  source: 'PCMag',
  author: 'Jon Martindale',
  subject: 'The new agreement between Microsoft and OpenAI'
})
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
  (microsoft)-[:stake {percent: 27, value_usd: 130000000000}]->(openai),
  (microsoft)-[:invests-in {amount_usd: 13000000000, period: 'early years'}]->(openai),
  (microsoft)-[:revenue-share {percent: 20}]->(openai),
  (microsoft)-[:partners-with]->(openai),

  // Azure
  (microsoft)-[:owns]->(azure),
  (openai)-[:invests-in {amount_usd: 250000000000, what: 'Azure compute capacity'}]->(azure),
  (openai)-[:runs-on {what: 'OpenAI API'}]->(azure),

  // OpenAI's products and partners
  (openai)-[:partners-with {what: 'commerce inside ChatGPT'}]->(paypal),
  (openai)-[:develops]->(chatgpt),
  (altman)-[:ceo-of]->(openai),

  // The publisher, its lawsuit and its writer
  (ziffdavis)-[:sued {filed: date('2025-04-01'), filed_precision: 'month', claim: 'copyright infringement'}]->(openai),
  (ziffdavis)-[:owns]->(pcmag),
  (martindale)-[:writes-for]->(pcmag);
