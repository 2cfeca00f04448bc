//! One body section of a built-in draft, filled a sentence at a time.

use std::sync::LazyLock;

use super::blocks::{Block, BLOCKS};
use super::Vars;
use crate::blog::output::Section;
use crate::blog::text::escape_markdown;

/// Sections with at most this many sentences are one paragraph.
const ONE_PARAGRAPH_SENTENCES: usize = 3;

/// `(block, sentence)` indexes in the order sentences are added: round by round.
static ORDER: LazyLock<Vec<(usize, usize)>> = LazyLock::new(|| {
    let rounds = BLOCKS.iter().map(|b| b.sentences.len()).max().unwrap_or(0);
    (0..rounds)
        .flat_map(|round| BLOCKS.iter().enumerate().map(move |(b, block)| (b, round, block)))
        .filter(|(_, round, block)| *round < block.sentences.len())
        .map(|(b, round, _)| (b, round))
        .collect()
});

/// A section in progress: its subject, heading and the sentences taken per block.
pub struct SectionDraft {
    subject: String,
    pub heading: String,
    taken: Vec<Vec<String>>,
    next: usize,
}

impl SectionDraft {
    /// A section about `subject` (a keyword) under `heading`.
    pub fn new(subject: &str, heading: String) -> Self {
        Self { subject: subject.to_owned(), heading, taken: vec![Vec::new(); BLOCKS.len()], next: 0 }
    }

    /// A section about one of the topic's themes.
    pub fn for_theme((subject, heading): (&str, &str), topic_title: &str) -> Self {
        Self::new(subject, heading.replace("{Topic}", topic_title))
    }

    /// Adds the next sentence and returns it, or None when the section has said everything.
    pub fn take_next(&mut self, vars: &Vars) -> Option<String> {
        let (block, index) = *ORDER.get(self.next)?;
        self.next += 1;
        let sentence = vars.sentence(BLOCKS[block].sentences[index], Some(&self.subject));
        self.taken[block].push(sentence.clone());
        Some(sentence)
    }

    fn used_blocks(&self) -> impl Iterator<Item = (&'static Block, &Vec<String>)> {
        BLOCKS.iter().zip(&self.taken).filter(|(_, sentences)| !sentences.is_empty())
    }

    /// The section's outline entry: one point per block it covers.
    pub fn outline(&self, vars: &Vars) -> Section {
        let points = self.used_blocks().map(|(block, _)| vars.plain(block.point, &self.subject));
        Section { heading: self.heading.clone(), points: points.collect() }
    }

    /// `## heading`, then its paragraphs and bullet lists.
    pub fn markdown(&self) -> String {
        let mut md = format!("## {}\n\n", escape_markdown(&self.heading));
        let prose: Vec<&Vec<String>> =
            self.used_blocks().filter(|(b, _)| !b.bullets).map(|(_, s)| s).collect();
        let prose_sentences: usize = prose.iter().map(|s| s.len()).sum();
        if prose_sentences <= ONE_PARAGRAPH_SENTENCES {
            let joined: Vec<&str> = prose.iter().flat_map(|s| s.iter().map(String::as_str)).collect();
            md.push_str(&format!("{}\n\n", joined.join(" ")));
        } else {
            prose.iter().for_each(|sentences| md.push_str(&format!("{}\n\n", sentences.join(" "))));
        }
        for (_, items) in self.used_blocks().filter(|(b, _)| b.bullets) {
            items.iter().for_each(|item| md.push_str(&format!("- {item}\n")));
            md.push('\n');
        }
        md
    }
}
