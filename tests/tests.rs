//! The one integration test binary: the real `quiver` program (cli), the
//! openCypher TCK (tck), and the inputs the fuzz targets failed on (fuzz).

mod cli;
mod fuzz;
mod tck;
