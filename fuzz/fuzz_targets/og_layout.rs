//! og-generator's colour parsing and text layout: any texts and colours either are
//! refused with a field-naming error or lay out without leaving their boxes; one input in
//! 32 is also painted, so drawing sees the same strange text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use toolshub_tools::og::{Input, Theme};

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let mut fields = text.split('\u{1f}').map(str::to_owned);
    let mut next = || fields.next();
    let input = Input {
        title: next().unwrap_or_default(),
        description: next(),
        site_name: next(),
        theme: Some(if flags & 1 == 0 { Theme::Light } else { Theme::Dark }),
        background: next(),
        accent: next(),
        logo: None,
    };
    let Ok(card) = input.prepare() else { return };
    let layout = card.layout();
    assert!(!layout.overflows(), "text left its box for {input:?}");
    if flags & 0x3e == 0 {
        let pixmap = card.paint();
        assert_eq!((pixmap.width(), pixmap.height()), (1200, 630));
    }
});
