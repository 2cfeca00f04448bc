//! Tools Hub server: configuration, storage, accounts, API keys, rate limiting and the
//! HTTP API and web site, served by one binary.

pub mod access_log;
pub mod api;
pub mod auth;
pub mod billing;
pub mod cli;
pub mod config;
pub mod domain;
pub mod error;
pub mod front;
pub mod gateway;
pub mod invalidation;
pub mod keys;
pub mod llm;
pub mod log_buffer;
pub mod log_time;
pub mod mail;
pub mod metrics;
pub mod openapi;
pub mod ops;
pub mod ratelimit;
pub mod request_id;
pub mod startup;
pub mod state;
pub mod store;
pub mod telemetry;
pub mod usage;
pub mod web;
