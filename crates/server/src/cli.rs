//! The `toolshub` command line: serve (default), migrate, user set-plan.

use clap::{Parser, Subcommand};
use secrecy::ExposeSecret;

use crate::config::Settings;
use crate::invalidation::Invalidation;
use crate::startup::{coordination, shutdown_signal, Application};
use crate::store::{Plan, Store};

#[derive(Parser)]
#[command(
    name = "toolshub",
    version,
    about = "Tools Hub: developer tools as a metered HTTP API and web site"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Start the server (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
}

#[derive(Subcommand)]
enum UserCommand {
    /// Set an account's plan (and its per-minute limit) without Stripe.
    SetPlan {
        email: String,
        #[arg(value_parser = parse_plan)]
        plan: Plan,
    },
}

fn parse_plan(raw: &str) -> Result<Plan, String> {
    raw.parse()
}

impl Cli {
    /// Runs the chosen command.
    pub async fn run(self, settings: Settings) -> anyhow::Result<()> {
        match self.command.unwrap_or(Command::Serve) {
            Command::Serve => serve(settings).await,
            Command::Migrate => {
                let store = Store::connect(settings.database_url.expose_secret()).await?;
                store.migrate().await?;
                println!("migrations applied ({})", store.backend());
                Ok(())
            }
            Command::User(UserCommand::SetPlan { email, plan }) => set_plan(settings, &email, plan).await,
        }
    }
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let app = Application::build(settings).await?;
    let address = app.local_addr();
    tracing::info!(%address, database = app.state().store.backend(), "Tools Hub listening on http://{address}");
    app.run_until(shutdown_signal()).await
}

async fn set_plan(settings: Settings, email: &str, plan: Plan) -> anyhow::Result<()> {
    let store = Store::connect(settings.database_url.expose_secret()).await?;
    store.migrate().await?;
    let limit = match plan {
        Plan::Free => settings.free_rate_limit,
        Plan::Pro => settings.pro_rate_limit,
    };
    let email = email.trim().to_lowercase();
    let Some(user_id) = store.set_plan_by_email(&email, plan, limit).await? else {
        anyhow::bail!("no account with email {email}");
    };
    let (_, invalidations) = coordination(&settings).await?;
    invalidations.publish(Invalidation::User(user_id)).await;
    println!("{email} is now on the {plan} plan ({limit} requests/minute)");
    Ok(())
}
