//! Arithmetic and string/list operators on values: `+ - * / % ^`, unary minus.
