//! TODO(merge): a stand-in for `parse::is_blank`, which the parser branch
//! is writing. Delete this file at merge and import `crate::parse::is_blank`.

/// Whether `text` holds no statement. TODO(merge): the real one also skips comments.
pub fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}
