//! QueryResult → bytes: table, JSON, CSV, TSV, DOT. Pure: no store, no exec.
