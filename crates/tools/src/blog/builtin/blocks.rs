//! The body of a section: what it covers (the outline's points) and the sentences that
//! cover it. Placeholders: `{kw}` (the section's subject), `{topic}`.

/// One part of a section: its outline point and its sentences, in reading order.
pub struct Block {
    pub point: &'static str,
    pub sentences: &'static [&'static str],
    /// Rendered as a bullet list rather than a paragraph.
    pub bullets: bool,
}

/// Every section's parts, in reading order. Sentences are taken a round at a time (the
/// first of each block, then the second…), so a short section still covers the basics.
pub const BLOCKS: &[Block] = &[
    Block {
        point: "What {kw} means",
        sentences: &[
            "In the context of {topic}, {kw} is one of the ideas that shapes everything else.",
            "Put simply, {kw} describes how you handle one specific part of {topic}, and settling it early saves effort later.",
            "Giving {kw} a name matters, because an idea with a name is far easier to discuss, review and improve.",
        ],
        bullets: false,
    },
    Block {
        point: "Why {kw} matters",
        sentences: &[
            "Getting {kw} right matters because small decisions here add up across every project that touches {topic}.",
            "When {kw} is neglected, the symptoms tend to appear elsewhere: slower delivery, unclear ownership and results that are hard to explain.",
            "Handled well, {kw} becomes a quiet advantage that makes the rest of {topic} more predictable.",
        ],
        bullets: false,
    },
    Block {
        point: "How to put {kw} into practice",
        sentences: &[
            "A good first step is to apply the smallest useful version of {kw} to one real case before rolling it out more widely.",
            "Write down what good looks like for {kw}, so everyone involved can check their work against the same standard.",
            "Review the results after a few weeks and adjust, since an approach to {kw} rarely works perfectly the first time.",
        ],
        bullets: false,
    },
    Block {
        point: "Common mistakes with {kw}",
        sentences: &[
            "A frequent mistake is to treat {kw} as a one-off task rather than a habit that needs regular attention.",
            "Another is to copy someone else's approach to {kw} without checking whether their constraints match yours.",
            "Finally, avoid judging {kw} by the effort it takes; judge it by the difference it makes to {topic}.",
        ],
        bullets: false,
    },
    Block {
        point: "An example of {kw} at work",
        sentences: &[
            "Picture a small team that decides to take {kw} seriously for one quarter.",
            "They agree on a simple goal, track one number that reflects it, and discuss progress in a short weekly check-in.",
            "By the end of the quarter the change is visible: fewer surprises, clearer decisions and a shared understanding of {kw}.",
        ],
        bullets: false,
    },
    Block {
        point: "A checklist for {kw}",
        sentences: &[
            "Define what {kw} means for your situation.",
            "Agree on one measure of success for {kw}.",
            "Try it on a single case, then review what you learned.",
            "Share the results and decide on the next step for {kw}.",
        ],
        bullets: true,
    },
];

/// Subjects for extra sections when the keywords alone cannot fill the length:
/// `(subject, heading)`; the heading may use `{Topic}`.
pub const THEMES: &[(&str, &str)] = &[
    ("a solid foundation", "The Basics of {Topic}"),
    ("careful planning", "Planning Ahead"),
    ("daily practice", "{Topic} Day to Day"),
    ("measurement", "Measuring Results"),
    ("good tooling", "Choosing the Right Tools"),
    ("shared ownership", "Building Team Habits"),
];
