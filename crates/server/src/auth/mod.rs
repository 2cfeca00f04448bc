//! Passwords, sessions, CSRF protection and login throttling.

pub mod csrf;
pub mod password;
pub mod session;
pub mod throttle;
