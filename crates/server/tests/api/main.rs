//! Black-box tests: real servers on port 0, over SQLite and PostgreSQL.

mod helpers;

mod accounts;
mod api_keys;
mod binary;
mod blog;
mod csrf;
mod errors;
mod gateway;
mod ratelimit;
mod redis_gateway;
mod storage;
mod throttling;
mod web_blog_browser;
mod web_browser;
mod web_driver;
mod web_forms;
mod web_pages;
mod web_screenshots;
mod web_tools_browser;
