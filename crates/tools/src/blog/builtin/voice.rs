//! What changes with the tone: title, meta lead, introduction, conclusion.
//!
//! Placeholders: `{topic}`, `{Topic}` (title case), `{audience}`.

use crate::blog::input::Tone;

/// The phrases of one tone.
pub struct Voice {
    pub title: &'static str,
    pub meta_lead: &'static str,
    pub intro: &'static [&'static str],
    pub conclusion_heading: &'static str,
    pub conclusion: &'static [&'static str],
}

/// The phrases for `tone`.
pub fn voice(tone: Tone) -> &'static Voice {
    match tone {
        Tone::Professional => &PROFESSIONAL,
        Tone::Casual => &CASUAL,
        Tone::Technical => &TECHNICAL,
        Tone::Friendly => &FRIENDLY,
        Tone::Persuasive => &PERSUASIVE,
    }
}

const PROFESSIONAL: Voice = Voice {
    title: "{Topic}: A Practical Guide",
    meta_lead: "A practical guide to",
    intro: &[
        "{topic} has moved from a specialist concern to something most organisations need to get right.",
        "This guide is written for {audience} and sets out what matters, in what order, and why.",
        "Each section below covers one aspect of {topic} and ends with concrete steps you can take.",
        "The aim is not to cover every edge case but to give you a sound basis for decisions.",
        "Where trade-offs exist, they are stated plainly so you can weigh them against your own priorities.",
        "Read it from start to finish, or go straight to the section that matches your current challenge.",
    ],
    conclusion_heading: "Conclusion",
    conclusion: &[
        "{topic} rewards a steady, deliberate approach more than a single large initiative.",
        "Start with the area where the gap between current practice and good practice is widest.",
        "Agree on how you will measure progress, review it regularly, and adjust as you learn.",
        "With those habits in place, the practices described here will compound over time.",
    ],
};

const CASUAL: Voice = Voice {
    title: "{Topic}, Made Simple",
    meta_lead: "A relaxed, no-jargon look at",
    intro: &[
        "Let's be honest: {topic} can sound a lot more complicated than it really is.",
        "If you count yourself among {audience}, you've probably wondered where to even start.",
        "Good news: you don't need to know everything, just the handful of ideas that do the heavy lifting.",
        "That's exactly what this post walks through, one piece at a time.",
        "Grab a coffee, skim the headings, and stop at whatever looks useful right now.",
        "No lectures, no buzzwords, just the stuff that actually helps.",
    ],
    conclusion_heading: "Wrapping Up",
    conclusion: &[
        "So that's {topic} without the fuss.",
        "Pick one idea from this post and try it this week; that beats reading ten more articles.",
        "If it works, keep it; if it doesn't, tweak it and try again.",
        "You'll be surprised how quickly the small wins add up.",
    ],
};

const TECHNICAL: Voice = Voice {
    title: "{Topic}: A Technical Guide",
    meta_lead: "A technical guide to",
    intro: &[
        "This post examines {topic} with a focus on mechanisms, constraints and measurable outcomes.",
        "It assumes a working background and is aimed at {audience}.",
        "Each section isolates one component, describes how it behaves, and lists the failure modes to watch for.",
        "Where a choice depends on workload or scale, the relevant variables are named explicitly.",
        "The recommendations favour approaches that can be tested, observed and rolled back.",
        "Treat the checklists as starting points for your own runbooks rather than final answers.",
    ],
    conclusion_heading: "Summary",
    conclusion: &[
        "{topic} comes down to a small number of components whose interactions determine the result.",
        "Instrument each of them, define the expected behaviour, and test against it before changing anything.",
        "Prefer changes that are small, observable and reversible.",
        "Revisit the design when the workload changes, since the right trade-offs shift with scale.",
    ],
};

const FRIENDLY: Voice = Voice {
    title: "A Friendly Guide to {Topic}",
    meta_lead: "A friendly introduction to",
    intro: &[
        "Welcome! If {topic} is on your mind, you're in the right place.",
        "This guide is for {audience}, whether you're just curious or already have some experience.",
        "We'll take things step by step, and nothing here assumes you know the jargon already.",
        "Along the way you'll find examples and a few small checklists to make things easier.",
        "Feel free to take your time and come back to any section whenever you need it.",
        "By the end, you'll have a clear picture and a few easy first steps.",
    ],
    conclusion_heading: "Final Thoughts",
    conclusion: &[
        "Thanks for reading along; you now know the essentials of {topic}.",
        "Remember that everyone starts somewhere, and small steps really do count.",
        "Try one idea from this guide, see how it goes, and be kind to yourself while you learn.",
        "Come back whenever you want a refresher, and good luck!",
    ],
};

const PERSUASIVE: Voice = Voice {
    title: "Why {Topic} Deserves Your Attention",
    meta_lead: "Why it pays to invest in",
    intro: &[
        "Every month without a clear approach to {topic} quietly costs time, money and momentum.",
        "Yet many {audience} still treat it as something to sort out later.",
        "The organisations that act early gain an advantage that is hard for others to close.",
        "This post makes the case, section by section, and shows how little it takes to begin.",
        "Each point is backed by practical steps you can apply straight away.",
        "By the end, the question will not be whether to act, but where to start.",
    ],
    conclusion_heading: "The Bottom Line",
    conclusion: &[
        "{topic} is not a nice-to-have; it is a lever that moves everything around it.",
        "The cost of waiting grows every month, while the cost of starting has never been lower.",
        "Choose one step from this post, commit to it today, and measure the difference.",
        "The sooner you begin, the sooner the results start working for you.",
    ],
};
