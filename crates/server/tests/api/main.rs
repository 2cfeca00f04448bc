//! Black-box tests: real servers on port 0, over SQLite and PostgreSQL.

mod helpers;
mod smtp;

mod accounts;
mod api_keys;
mod billing;
mod binary;
mod blog;
mod contract;
mod csrf;
mod errors;
mod gateway;
mod image_resizer;
mod og_generator;
mod openapi;
mod password_reset;
mod ratelimit;
mod redis_gateway;
mod storage;
mod throttling;
mod web_blog_browser;
mod web_browser;
mod web_docs;
mod web_driver;
mod web_forms;
mod web_image_resizer;
mod web_pages;
mod web_screenshots;
mod web_tools_browser;
