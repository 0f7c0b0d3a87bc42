//! Rows on their way from an import's reading thread to its sink, in
//! batches of flat vectors: a row is a few numbers, its properties are a
//! run of (column, value) pairs in one vector for the whole batch. Nothing
//! is allocated per row on the reading side, and nothing allocated there
//! is freed row by row on the other (which is what makes two threads pay).

use super::csv_header::FileKind as Kind;
use super::sink::Sink;
use crate::error::{Error, Result};
use crate::value::Value;
use std::sync::Arc;

/// What every row of one file shares.
#[derive(Debug)]
pub(crate) struct FileRows {
    /// Nodes or relationships.
    pub kind: Kind,
    /// The labels of every node of the file.
    pub labels: Vec<String>,
    /// The type of every relationship of the file, unless a row names one.
    pub rel_type: Option<String>,
    /// Each column's property key (empty for a column without one).
    pub keys: Vec<String>,
}

/// One row: its ends (relationships), and how many property pairs and
/// texts (extra labels of a node, or the type of a relationship) it has.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Row {
    /// A relationship's start node number.
    pub start: u64,
    /// A relationship's end node number.
    pub end: u64,
    /// Its pairs in [`Batch::props`].
    pub props: u32,
    /// Its texts in [`Batch::texts`].
    pub texts: u32,
}

/// Rows of one file, in order.
#[derive(Debug)]
pub(crate) struct Batch {
    /// What the rows share.
    pub file: Arc<FileRows>,
    /// The rows.
    pub rows: Vec<Row>,
    /// Every row's (column, value) pairs, row after row.
    pub props: Vec<(u32, Value)>,
    /// Every row's texts, row after row.
    pub texts: Vec<String>,
    /// How many bytes of all files were read once these rows were.
    pub done_bytes: u64,
}

impl Batch {
    /// An empty batch of `file`'s rows.
    pub(crate) fn new(file: Arc<FileRows>, capacity: usize) -> Batch {
        Batch {
            file,
            rows: Vec::with_capacity(capacity),
            props: Vec::with_capacity(capacity * 2),
            texts: Vec::new(),
            done_bytes: 0,
        }
    }

    /// Writes the rows to `sink`; returns how many nodes and relationships.
    pub(crate) fn write(self, sink: &mut dyn Sink) -> Result<(u64, u64)> {
        let file = &self.file;
        let base: Vec<&str> = file.labels.iter().map(String::as_str).collect();
        let mut props = self.props.into_iter();
        let mut texts = self.texts.iter().map(String::as_str);
        let mut labels = base.clone();
        let (mut nodes, mut rels) = (0, 0);
        for row in self.rows {
            let mut pairs = props
                .by_ref()
                .take(row.props as usize)
                .map(|(c, v)| (file.keys.get(c as usize).map_or("", String::as_str), v));
            match file.kind {
                Kind::Nodes => {
                    labels.truncate(base.len());
                    labels.extend(texts.by_ref().take(row.texts as usize));
                    sink.node(&labels, &mut pairs)?;
                    nodes += 1;
                }
                Kind::Relationships => {
                    let named = texts.by_ref().take(row.texts as usize).last();
                    let rel_type = named
                        .or(file.rel_type.as_deref())
                        .ok_or_else(|| Error::io("a relationship has no type".to_string()))?;
                    sink.relationship(rel_type, row.start, row.end, &mut pairs)?;
                    rels += 1;
                }
            }
            // Whatever the sink left of this row's pairs is not the next row's.
            pairs.for_each(drop);
        }
        Ok((nodes, rels))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::sink::Pairs;

    #[derive(Default)]
    struct Seen(Vec<String>);

    impl Sink for Seen {
        fn node(&mut self, labels: &[&str], props: Pairs<'_, '_>) -> Result<()> {
            let props: Vec<String> = props.map(|(k, v)| format!("{k}={v}")).collect();
            self.0.push(format!("node {labels:?} {props:?}"));
            Ok(())
        }

        fn relationship(&mut self, t: &str, s: u64, e: u64, props: Pairs<'_, '_>) -> Result<()> {
            // Takes only the first pair: the batch skips the rest.
            let first = props.next().map(|(k, v)| format!("{k}={v}"));
            self.0.push(format!("rel {t} {s}->{e} {first:?}"));
            Ok(())
        }

        fn finish(&mut self) -> Result<()> {
            Ok(())
        }
    }

    #[test]
    fn rows_get_their_own_pairs_and_texts() {
        let file = |kind| {
            Arc::new(FileRows {
                kind,
                labels: vec!["A".into()],
                rel_type: Some("T".into()),
                keys: vec!["id".into(), "x".into()],
            })
        };
        let mut nodes = Batch::new(file(Kind::Nodes), 2);
        nodes.rows.push(Row {
            props: 2,
            texts: 1,
            ..Row::default()
        });
        nodes.rows.push(Row::default());
        nodes.props = vec![(0, Value::Int(1)), (1, Value::string("a"))];
        nodes.texts = vec!["B".into()];
        let mut rels = Batch::new(file(Kind::Relationships), 2);
        rels.rows.push(Row {
            start: 0,
            end: 1,
            props: 2,
            texts: 1,
        });
        rels.rows.push(Row {
            start: 1,
            end: 0,
            props: 1,
            texts: 0,
        });
        rels.props = vec![(1, Value::Int(5)), (0, Value::Int(6)), (1, Value::Int(7))];
        rels.texts = vec!["U".into()];
        let mut seen = Seen::default();
        assert_eq!(nodes.write(&mut seen).ok(), Some((2, 0)));
        assert_eq!(rels.write(&mut seen).ok(), Some((0, 2)));
        assert_eq!(
            seen.0,
            [
                "node [\"A\", \"B\"] [\"id=1\", \"x='a'\"]",
                "node [\"A\"] []",
                "rel U 0->1 Some(\"x=5\")",
                "rel T 1->0 Some(\"x=7\")",
            ]
        );
    }
}
