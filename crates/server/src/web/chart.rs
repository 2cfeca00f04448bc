//! The dashboard's usage chart: requests per day as bars of an inline SVG.
//!
//! The SVG holds only shapes (stretched to the box with `preserveAspectRatio="none"`);
//! labels are HTML beside it, so text stays sharp and legible at every width.

use chrono::NaiveDate;

/// Width of one day's slot in SVG units; the bar leaves a gap of `GAP`.
const SLOT: f64 = 10.0;
const GAP: f64 = 2.0;
/// Height of the drawing in SVG units.
pub const HEIGHT: f64 = 100.0;

/// Everything the template needs to draw the chart and its table.
pub struct UsageChart {
    pub days: Vec<Day>,
    /// Top of the scale: the busiest day rounded up to a round number (at least 10).
    pub scale_max: i64,
    pub total: i64,
    pub width: f64,
}

/// One day: its bar and its label.
pub struct Day {
    pub label: String,
    pub iso: String,
    pub count: i64,
    pub x: f64,
    pub y: f64,
    pub bar_width: f64,
    pub bar_height: f64,
}

impl UsageChart {
    /// A chart of `totals[i]` requests on `days[i]`.
    pub fn new(days: &[NaiveDate], totals: &[i64]) -> Self {
        let scale_max = round_up(totals.iter().copied().max().unwrap_or(0));
        let days = days
            .iter()
            .zip(totals)
            .enumerate()
            .map(|(i, (day, &count))| {
                let bar_height = HEIGHT * count as f64 / scale_max as f64;
                Day {
                    label: day.format("%b %-d").to_string(),
                    iso: day.to_string(),
                    count,
                    x: i as f64 * SLOT + GAP / 2.0,
                    y: HEIGHT - bar_height,
                    bar_width: SLOT - GAP,
                    bar_height,
                }
            })
            .collect::<Vec<_>>();
        let width = days.len() as f64 * SLOT;
        Self { total: totals.iter().sum(), days, scale_max, width }
    }

    /// The label of the first day shown.
    pub fn first_label(&self) -> &str {
        self.days.first().map_or("", |d| d.label.as_str())
    }

    /// The label of the last day shown (today).
    pub fn last_label(&self) -> &str {
        self.days.last().map_or("", |d| d.label.as_str())
    }

    /// Half the scale, for the middle grid line.
    pub fn scale_mid(&self) -> i64 {
        self.scale_max / 2
    }
}

/// The smallest of 10, 20, 50, 100, 200, 500, … that is at least `n`.
fn round_up(n: i64) -> i64 {
    let mut step = 10;
    loop {
        for factor in [1, 2, 5] {
            if step * factor >= n {
                return step * factor;
            }
        }
        step *= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_is_round_and_covers_the_busiest_day() {
        assert_eq!(round_up(0), 10);
        assert_eq!(round_up(11), 20);
        assert_eq!(round_up(200), 200);
        assert_eq!(round_up(201), 500);
    }

    #[test]
    fn bars_stand_on_the_baseline() {
        let first = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let days: Vec<NaiveDate> = first.iter_days().take(3).collect();
        let chart = UsageChart::new(&days, &[0, 10, 20]);
        assert_eq!(chart.scale_max, 20);
        assert_eq!(chart.total, 30);
        assert_eq!(chart.days[2].bar_height, HEIGHT);
        assert_eq!(chart.days[1].y + chart.days[1].bar_height, HEIGHT);
        assert_eq!(chart.days[0].bar_height, 0.0);
        assert_eq!((chart.first_label(), chart.last_label()), ("Mar 1", "Mar 3"));
    }
}
