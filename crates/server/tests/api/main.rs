//! Black-box tests: real servers on port 0, over SQLite and PostgreSQL.

mod helpers;

mod accounts;
mod api_keys;
mod binary;
mod csrf;
mod errors;
mod storage;
mod throttling;
