//! The built-in generator: a deterministic first draft from the request alone. One
//! section per keyword (topic themes when keywords run short), an introduction and a
//! conclusion in the chosen tone, filled sentence by sentence until the target length.

mod blocks;
mod section;
mod voice;

use unicode_segmentation::UnicodeSegmentation;

use super::input::{Length, Request};
use super::output::{Draft, Section, MAX_TITLE_CHARS};
use super::text::{capitalize, clip, escape_markdown, title_case};
use crate::word_counter::top_keywords;
use blocks::THEMES;
use section::SectionDraft;
use voice::{voice, Voice};

/// Stop adding sentences this many words before the target (about half a sentence).
const SLACK_WORDS: usize = 8;

/// Writes a draft for `request` (in English).
pub fn generate(request: &Request) -> Draft {
    let voice = voice(request.tone);
    let vars = Vars::new(request);
    let target = request.length.target_words();
    let title = make_title(voice, &vars.topic_title);
    let intro = take_sentences(voice.intro, &vars, target / 10);
    let conclusion = take_sentences(voice.conclusion, &vars, target / 12);
    let mut sections: Vec<SectionDraft> =
        request.keywords.iter().map(|kw| SectionDraft::new(kw, title_case(kw))).collect();
    let mut themes = THEMES.iter();
    while sections.len() < min_sections(request.length) {
        let Some(theme) = themes.next() else { break };
        sections.push(SectionDraft::for_theme(*theme, &vars.topic_title));
    }
    let fixed = [&title, voice.conclusion_heading].map(count_words).iter().sum::<usize>()
        + intro.iter().chain(&conclusion).map(count_words).sum::<usize>();
    fill_sections(&mut sections, &mut themes, &vars, fixed, target);
    Draft {
        meta_description: make_meta(voice, request),
        outline: outline(&sections, &vars, voice),
        markdown: markdown(&title, &intro, &sections, voice, &conclusion),
        tags: make_tags(request),
        title,
    }
}

/// The texts placeholders stand for, as plain text and escaped for Markdown.
struct Vars {
    topic: String,
    topic_title: String,
    audience: String,
    escaped: [(&'static str, String); 3],
}

impl Vars {
    fn new(request: &Request) -> Self {
        let topic = request.topic.clone();
        let topic_title = title_case(&topic);
        let audience = request.audience.clone().unwrap_or_else(|| format!("readers who work with {topic}"));
        let escaped = [
            ("{topic}", escape_markdown(&topic)),
            ("{Topic}", escape_markdown(&topic_title)),
            ("{audience}", escape_markdown(&audience)),
        ];
        Self { topic, topic_title, audience, escaped }
    }

    /// `template` filled in for Markdown, its first letter capitalised.
    fn sentence(&self, template: &str, subject: Option<&str>) -> String {
        let mut text = template.to_owned();
        if let Some(subject) = subject {
            text = text.replace("{kw}", &escape_markdown(subject));
        }
        for (placeholder, value) in &self.escaped {
            text = text.replace(placeholder, value);
        }
        capitalize(&text)
    }

    /// `template` filled in as plain text (outline entries).
    fn plain(&self, template: &str, subject: &str) -> String {
        let text = template.replace("{kw}", subject).replace("{topic}", &self.topic);
        text.replace("{Topic}", &self.topic_title).replace("{audience}", &self.audience)
    }
}

fn count_words(text: impl AsRef<str>) -> usize {
    text.as_ref().unicode_words().count()
}

fn min_sections(length: Length) -> usize {
    match length {
        Length::Short => 2,
        Length::Medium => 3,
        Length::Long => 4,
    }
}

/// At least two sentences, then more while under `budget` words.
fn take_sentences(templates: &[&str], vars: &Vars, budget: usize) -> Vec<String> {
    let mut taken: Vec<String> = Vec::new();
    let mut words = 0;
    for template in templates {
        if taken.len() >= 2 && words >= budget {
            break;
        }
        let sentence = vars.sentence(template, None);
        words += count_words(&sentence);
        taken.push(sentence);
    }
    taken
}

/// Adds one sentence to each section in turn until the post reaches its target,
/// opening theme sections when every section has said all it can.
fn fill_sections<'a>(
    sections: &mut Vec<SectionDraft>,
    themes: &mut impl Iterator<Item = &'a (&'static str, &'static str)>,
    vars: &Vars,
    mut words: usize,
    target: usize,
) {
    words += sections.iter().map(|s| count_words(&s.heading)).sum::<usize>();
    while words + SLACK_WORDS < target {
        let mut added = false;
        for section in sections.iter_mut() {
            if words + SLACK_WORDS >= target {
                return;
            }
            if let Some(sentence) = section.take_next(vars) {
                words += count_words(&sentence);
                added = true;
            }
        }
        if !added {
            let Some(theme) = themes.next() else { return };
            let section = SectionDraft::for_theme(*theme, &vars.topic_title);
            words += count_words(&section.heading);
            sections.push(section);
        }
    }
}

fn make_title(voice: &Voice, topic_title: &str) -> String {
    let title = voice.title.replace("{Topic}", topic_title);
    match title.chars().count() <= MAX_TITLE_CHARS {
        true => title,
        false => clip(topic_title, MAX_TITLE_CHARS),
    }
}

fn make_meta(voice: &Voice, request: &Request) -> String {
    let mut meta = format!("{} {}", voice.meta_lead, request.topic);
    if let Some((last, first)) =
        request.keywords.get(..request.keywords.len().min(3)).and_then(|k| k.split_last())
    {
        let listed = match first.is_empty() {
            true => last.clone(),
            false => format!("{} and {last}", first.join(", ")),
        };
        meta.push_str(&format!(": {listed}"));
    }
    meta.push('.');
    meta
}

fn make_tags(request: &Request) -> Vec<String> {
    if !request.keywords.is_empty() {
        return request.keywords.iter().map(|k| k.to_lowercase()).collect();
    }
    let words: Vec<&str> = request.topic.unicode_words().collect();
    top_keywords(&words, 5).into_iter().map(|k| k.word).collect()
}

fn outline(sections: &[SectionDraft], vars: &Vars, voice: &Voice) -> Vec<Section> {
    let intro = Section {
        heading: "Introduction".into(),
        points: vec![vars.plain("Why {topic} matters", ""), vars.plain("Who this guide is for", "")],
    };
    let conclusion = Section {
        heading: voice.conclusion_heading.into(),
        points: vec!["Key takeaways".into(), "Next steps".into()],
    };
    let body = sections.iter().map(|s| s.outline(vars));
    std::iter::once(intro).chain(body).chain(std::iter::once(conclusion)).collect()
}

fn markdown(
    title: &str,
    intro: &[String],
    sections: &[SectionDraft],
    voice: &Voice,
    conclusion: &[String],
) -> String {
    let mut md = format!("# {}\n\n{}\n\n", escape_markdown(title), intro.join(" "));
    for section in sections {
        md.push_str(&section.markdown());
    }
    md.push_str(&format!("## {}\n\n{}\n", voice.conclusion_heading, conclusion.join(" ")));
    md
}
