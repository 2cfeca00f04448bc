//! The web site: server-rendered pages (askama templates, auto-escaped), a little plain
//! JavaScript, and the embedded assets. Pages use the same logic as the JSON API; forms
//! post without JavaScript and are checked for CSRF like the API.

mod assets;
mod auth;
mod billing_forms;
mod chart;
mod dashboard;
mod dashboard_forms;
mod docs;
mod errors;
mod forms;
mod home;
mod layout;
mod page;
mod password_reset;
mod snippets;
mod tools;
mod viewer;

#[cfg(test)]
mod contrast_tests;

use axum::response::Redirect;
use axum::routing::{get, post};
use axum::{middleware, Router};

pub use errors::{html_error_page, is_page_navigation, not_found};
pub use page::CONTENT_SECURITY_POLICY;

use crate::state::AppState;

/// The pages, their form posts and the assets.
pub fn router(state: AppState) -> Router<AppState> {
    let form_posts = Router::new()
        .route("/auth/login", post(auth::login).get(to_auth))
        .route("/auth/signup", post(auth::signup).get(to_auth))
        .route("/auth/logout", post(auth::logout).get(to_home))
        .route("/auth/forgot", post(password_reset::forgot).get(password_reset::show_forgot))
        .route("/auth/reset", post(password_reset::reset).get(password_reset::show_reset))
        .route("/dashboard/keys", post(dashboard_forms::create).get(to_dashboard))
        .route("/dashboard/keys/{id}/delete", post(dashboard_forms::delete).get(to_dashboard))
        .route("/dashboard/password", post(dashboard_forms::change_password).get(to_dashboard))
        .route("/dashboard/sessions/revoke", post(dashboard_forms::sign_out_everywhere).get(to_dashboard))
        .route("/dashboard/billing/checkout", post(billing_forms::checkout).get(to_dashboard))
        .route("/dashboard/billing/portal", post(billing_forms::portal).get(to_dashboard))
        .route("/dashboard/delete-account", post(dashboard_forms::delete_everything).get(to_dashboard))
        .route_layer(middleware::from_fn_with_state(state, forms::refuse_cross_origin));
    Router::new()
        .route("/", get(home::show))
        .route("/tools/{slug}", get(tools::show))
        .route("/auth", get(auth::show))
        .route("/dashboard", get(dashboard::show))
        .route("/docs", get(docs::show))
        .route("/static/{file}", get(assets::serve))
        .merge(form_posts)
}

// A form's address opened directly (a bookmark, a reload) leads back to its page.
async fn to_auth() -> Redirect {
    Redirect::to("/auth")
}

async fn to_home() -> Redirect {
    Redirect::to("/")
}

async fn to_dashboard() -> Redirect {
    Redirect::to("/dashboard")
}
