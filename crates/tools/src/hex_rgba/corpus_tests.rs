//! Agreement with `culori` on the corpus in `reference/color-corpus.json`.

use serde::Deserialize;

use super::parse_color;

#[derive(Deserialize)]
struct Entry {
    input: String,
    /// culori's `[r, g, b, alpha]`, or `None` when culori rejects the input.
    rgba: Option<[f64; 4]>,
}

/// CSS is ASCII-case-insensitive and ignores surrounding spaces; culori is neither.
/// Each is paired with an equivalent in the corpus that culori accepts.
const ACCEPTED_ALTHOUGH_CULORI_REJECTS: &[(&str, &str)] = &[
    ("RGB(1,2,3,0.5)", "rgb(1,2,3,0.5)"),
    (" #fff ", "#fff"),
    ("TRANSPARENT", "transparent"),
    ("Hsl(120DEG 50% 50%)", "hsl(120deg, 50%, 50%)"),
];

/// culori closes an unfinished function; a colour field is better served by an error.
const REJECTED_ALTHOUGH_CULORI_ACCEPTS: &[&str] = &["rgb(1 2 3"];

fn corpus() -> Vec<Entry> {
    serde_json::from_str(include_str!("../../reference/color-corpus.json")).unwrap()
}

fn parsed(text: &str) -> Option<[f64; 4]> {
    let color = parse_color(text)?;
    let [r, g, b] = [color.red, color.green, color.blue].map(f64::round);
    Some([r, g, b, color.alpha])
}

fn agrees(ours: [f64; 4], theirs: [f64; 4]) -> bool {
    let channels_agree = (0..3).all(|i| (ours[i] - theirs[i]).abs() <= 1.0);
    channels_agree && (ours[3] - theirs[3]).abs() < 1e-9
}

#[test]
fn corpus_has_enough_colours_and_all_names() {
    let corpus = corpus();
    assert!(corpus.iter().filter(|e| e.rgba.is_some()).count() >= 35 + 148);
    assert!(corpus.iter().filter(|e| e.rgba.is_none()).count() >= 20);
}

#[test]
fn every_colour_matches_culori() {
    let mut mismatches = Vec::new();
    for Entry { input, rgba } in corpus() {
        let ours = parsed(&input);
        let known = ACCEPTED_ALTHOUGH_CULORI_REJECTS.iter().any(|(text, _)| *text == input)
            || REJECTED_ALTHOUGH_CULORI_ACCEPTS.contains(&input.as_str());
        let same = match (ours, rgba) {
            (Some(ours), Some(theirs)) => agrees(ours, theirs),
            (None, None) => true,
            _ => false,
        };
        if !same && !known {
            mismatches.push(format!("{input:?}: ours {ours:?}, culori {rgba:?}"));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn css_forms_culori_rejects_read_like_their_equivalents() {
    let corpus = corpus();
    for (text, equivalent) in ACCEPTED_ALTHOUGH_CULORI_REJECTS {
        let culori = |input: &str| corpus.iter().find(|e| e.input == input).map(|e| e.rgba);
        assert_eq!(culori(text), Some(None), "culori rejects {text:?}");
        let expected = culori(equivalent).flatten().expect("culori reads the equivalent");
        let ours = parsed(text).unwrap_or_else(|| panic!("{text:?} is CSS"));
        assert!(agrees(ours, expected), "{text:?}: ours {ours:?}, culori {expected:?}");
    }
    for text in REJECTED_ALTHOUGH_CULORI_ACCEPTS {
        assert_eq!(parsed(text), None, "{text:?}");
    }
}
