//! What every page shows around its content: header, sidebar, asset links.

use std::sync::LazyLock;

use toolshub_tools::catalogue::{Category, ToolInfo, CATALOGUE};

use super::assets::{self, AssetUrls};
use crate::gateway::tools::{Availability, Tool};

/// The header and sidebar data of one page.
pub struct Layout {
    /// The page's own title; the site name is added by the template.
    pub title: String,
    pub signed_in: bool,
    /// The slug of the tool this page is about, to mark it in the sidebar.
    pub current: &'static str,
    pub assets: &'static AssetUrls,
    pub groups: &'static [ToolGroup],
}

impl Layout {
    /// A page titled `title`; the header offers the dashboard when `signed_in`.
    pub fn new(title: impl Into<String>, signed_in: bool) -> Self {
        Self { title: title.into(), signed_in, current: "", assets: assets::urls(), groups: &TOOL_GROUPS }
    }

    /// A tool's page: its entry is marked in the sidebar.
    pub fn for_tool(tool: &'static ToolInfo, signed_in: bool) -> Self {
        Self { current: tool.slug, ..Self::new(tool.name, signed_in) }
    }

    /// True for catalogue tools this server does not run yet.
    pub fn coming_soon(&self, slug: &str) -> bool {
        coming_soon(slug)
    }
}

/// True for catalogue tools this server does not run yet (the API answers 501).
pub fn coming_soon(slug: &str) -> bool {
    Tool::find(slug) == Availability::NotYet
}

/// Tools of one category, in catalogue order.
pub struct ToolGroup {
    pub name: &'static str,
    pub tools: Vec<&'static ToolInfo>,
}

static TOOL_GROUPS: LazyLock<Vec<ToolGroup>> = LazyLock::new(|| {
    let mut groups: Vec<ToolGroup> = Vec::new();
    for tool in CATALOGUE {
        let name = category_name(tool.category);
        match groups.iter_mut().find(|g| g.name == name) {
            Some(group) => group.tools.push(tool),
            None => groups.push(ToolGroup { name, tools: vec![tool] }),
        }
    }
    groups
});

fn category_name(category: Category) -> &'static str {
    match category {
        Category::Text => "Text",
        Category::Color => "Colour",
        Category::Image => "Images",
        Category::Content => "Content",
    }
}

/// A message shown once after a redirect (`?done=…`); unknown codes show nothing, so
/// no text from the URL ever reaches the page.
pub fn notice(done: Option<&str>) -> Option<&'static str> {
    Some(match done? {
        "signed-out" => "You are signed out.",
        "signed-out-everywhere" => "You are signed out on every device.",
        "account-deleted" => "Your account and everything in it were deleted.",
        "key-deleted" => "The API key was deleted; it no longer works.",
        "password-changed" => "Password changed. Your other sessions were signed out.",
        "password-reset" => "Your new password is set and every session was signed out. Sign in with it.",
        "checkout-success" => {
            "Thank you! Your payment went through. Pro starts as soon as Stripe confirms it, \
             usually within seconds: reload this page to see it."
        }
        "checkout-cancelled" => {
            "Checkout was cancelled; nothing was charged. You are still on your current plan."
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tool_is_in_one_group() {
        let listed: usize = TOOL_GROUPS.iter().map(|g| g.tools.len()).sum();
        assert_eq!(listed, CATALOGUE.len());
        assert_eq!(TOOL_GROUPS[0].name, "Text");
    }

    #[test]
    fn only_known_notices_are_shown() {
        assert!(notice(Some("key-deleted")).is_some());
        assert_eq!(notice(Some("<script>")), None);
        assert_eq!(notice(None), None);
    }
}
