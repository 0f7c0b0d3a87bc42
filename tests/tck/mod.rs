//! The openCypher TCK, run in-process against `quiverdb::Database`.
