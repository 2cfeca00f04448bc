//! Agreement with `change-case` v5 on the corpus in `reference/case-corpus.json`.

use serde::Deserialize;
use std::collections::BTreeMap;

use super::{split_words, Case};

#[derive(Deserialize)]
struct Entry {
    input: String,
    split: Vec<String>,
    outputs: BTreeMap<String, String>,
}

fn corpus() -> Vec<Entry> {
    serde_json::from_str(include_str!("../../reference/case-corpus.json")).unwrap()
}

#[test]
fn corpus_is_big_enough() {
    assert!(corpus().len() >= 45);
}

#[test]
fn words_split_like_change_case() {
    for entry in corpus() {
        assert_eq!(split_words(&entry.input), entry.split, "split({:?})", entry.input);
    }
}

#[test]
fn every_case_matches_change_case() {
    let mut mismatches = Vec::new();
    for entry in corpus() {
        assert_eq!(entry.outputs.len(), Case::ALL.len());
        for case in Case::ALL {
            let expected = &entry.outputs[case.name()];
            let actual = case.convert(&entry.input);
            if &actual != expected {
                mismatches.push(format!("{case}({:?}) = {actual:?}, expected {expected:?}", entry.input));
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}
