//! Integration tests that run the real `quiver` binary.
