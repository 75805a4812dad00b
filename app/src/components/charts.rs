//! Charts drawn on the server as SVG: they need no script, print as they
//! show and sit beside a table with the same numbers (the table is what a
//! screen reader reads; the charts are `aria-hidden` or labelled images).

use leptos::prelude::*;

/// One bar: its label, its value (for the length) and the value as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: i64,
    pub text: String,
}

/// Horizontal bars, one row each: the label and the value as text in
/// HTML (so they wrap and stay readable on a phone), the bar in SVG.
#[component]
pub fn BarList(bars: Vec<Bar>, #[prop(into)] label: Signal<String>) -> impl IntoView {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let rows = bars
        .into_iter()
        .map(|b| {
            let width = (b.value.max(0) as f64) * 100.0 / max as f64;
            view! {
                <li class="bar-list__row">
                    <span class="bar-list__label">{b.label}</span>
                    <svg class="bar-list__bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                        <rect class="bar-list__track" x="0" y="0" width="100" height="10" rx="2" />
                        <rect class="bar-list__fill" x="0" y="0" width=format!("{width:.2}") height="10" rx="2" />
                    </svg>
                    <span class="bar-list__value num">{b.text}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class="bar-list" role="img" aria-label=label>
            <ul class="bar-list__rows" aria-hidden="true">{rows}</ul>
        </figure>
    }
}

/// One column of the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// Shown under the column when `labelled`.
    pub label: String,
    pub value: i64,
    /// A marker above the axis (a forum was held then).
    pub marked: bool,
    pub labelled: bool,
}

/// Vertical columns over time with markers, as one scalable SVG.
#[component]
pub fn ColumnChart(columns: Vec<Column>, #[prop(into)] label: Signal<String>) -> impl IntoView {
    const STEP: f64 = 36.0;
    const BAR: f64 = 24.0;
    const TOP: f64 = 12.0;
    const HEIGHT: f64 = 120.0;
    const AXIS: f64 = TOP + HEIGHT;
    let max = columns.iter().map(|c| c.value).max().unwrap_or(0).max(1);
    let width = (columns.len().max(1) as f64) * STEP;
    let bars = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let x = i as f64 * STEP + (STEP - BAR) / 2.0;
            let h = (c.value.max(0) as f64) * HEIGHT / max as f64;
            let marker = c.marked.then(|| {
                view! { <circle class="column-chart__marker" cx=format!("{:.1}", x + BAR / 2.0) cy=format!("{:.1}", AXIS + 8.0) r="4" /> }
            });
            let tick = c.labelled.then(|| {
                view! {
                    <text class="column-chart__tick" x=format!("{:.1}", x + BAR / 2.0) y=format!("{:.1}", AXIS + 28.0) text-anchor="middle">
                        {c.label.clone()}
                    </text>
                }
            });
            view! {
                <rect class="column-chart__bar" x=format!("{x:.1}") y=format!("{:.1}", AXIS - h) width=format!("{BAR:.1}") height=format!("{h:.1}") rx="2" />
                {marker}
                {tick}
            }
        })
        .collect_view();
    view! {
        <figure class="column-chart">
            <svg class="column-chart__svg" viewBox=format!("0 0 {width:.0} {:.0}", AXIS + 36.0) role="img" aria-label=label>
                <line class="column-chart__axis" x1="0" x2=format!("{width:.0}") y1=format!("{AXIS:.0}") y2=format!("{AXIS:.0}") />
                {bars}
            </svg>
        </figure>
    }
}
