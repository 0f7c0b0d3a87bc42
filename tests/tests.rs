//! The one integration test binary: the real `quiver` program (cli) and the
//! openCypher TCK (tck).

mod cli;
mod tck;
