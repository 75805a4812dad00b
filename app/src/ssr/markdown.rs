//! Markdown for pitch-page sections. A section's source is rendered to
//! sanitised HTML once, when it is saved, and the stored HTML is what pages
//! show; [`plain_text`] gives the readable words for the search index and
//! for snippets.
//!
//! Two layers keep the HTML safe:
//!
//! 1. The pulldown-cmark event stream is rewritten before any HTML exists:
//!    raw HTML becomes literal text, images become their alt text, links
//!    survive only with an absolute `http`, `https` or `mailto` URL,
//!    headings become `h3`..`h6` by rank (the page owns `h1` and `h2`, and
//!    no level is skipped, whatever the author typed), code
//!    blocks and tables lose their `class`/`style` hints, and nesting deeper
//!    than [`MAX_NESTING`] is flattened.
//! 2. The HTML that pulldown-cmark writes from those events then goes
//!    through an `ammonia` allow-list (tags, attributes, URL schemes) as
//!    defence in depth, so a mistake in layer 1 cannot become markup.
//!
//! Everything here is linear in the input (pulldown-cmark, the event
//! rewrite, html5ever and ammonia are all iterative), so a hostile source
//! cannot overflow the stack; callers still cap sources at
//! [`MAX_SECTION_BYTES`].

use ammonia::{Builder, UrlRelative};
use pulldown_cmark::{
    html, Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag,
    TagEnd,
};
use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Largest Markdown source accepted for one section (the rule lives with
/// the other pitch rules).
pub use crate::domain::company::MAX_SECTION_BYTES;

/// Deepest nesting of elements kept in the output; anything deeper is
/// flattened into its nearest kept ancestor (text survives, structure does
/// not). Real sections never come close.
const MAX_NESTING: usize = 32;

/// `rel` on every link: user-generated content, no referrer, no opener.
const LINK_REL: &str = "nofollow noopener noreferrer ugc";

/// The only elements the sanitiser lets through.
const ALLOWED_TAGS: &[&str] = &[
    "p",
    "br",
    "hr",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "input",
];

/// Elements removed together with everything inside them (they are never
/// produced by layer 1; this only matters if that layer ever regresses).
const DROP_WITH_CONTENT: &[&str] = &[
    "script", "style", "svg", "math", "iframe", "object", "embed", "template", "noscript",
    "noembed", "noframes", "frameset", "textarea", "title", "xmp",
];

/// Raised whenever a change here changes the HTML of existing Markdown;
/// the server then renders stored sections again at start-up
/// (`CompanyStore::rerender_stored_html`). 2: headings ranked from `h3`.
pub const RENDERER_VERSION: i64 = 2;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// Renders Markdown to sanitised HTML. Never panics, for any input up to any size.
pub fn render(markdown: &str) -> String {
    // Nothing below is expected to panic; if a dependency ever does, store
    // the source as escaped text rather than failing the save.
    catch_unwind(AssertUnwindSafe(|| render_unguarded(markdown)))
        .unwrap_or_else(|_| escaped_paragraph(markdown))
}

/// The readable text of a Markdown source (no markup, whitespace collapsed to single spaces), for the search index and snippets.
///
/// The result is plain text, not HTML: `x < y` stays `x < y`, so callers
/// must escape it like any other text.
pub fn plain_text(markdown: &str) -> String {
    catch_unwind(AssertUnwindSafe(|| plain_text_unguarded(markdown)))
        .unwrap_or_else(|_| collapse_whitespace(markdown))
}

fn render_unguarded(markdown: &str) -> String {
    let mut events = safe_events(Parser::new_ext(markdown, options()));
    rank_headings(&mut events);
    let mut unsanitised = String::with_capacity(markdown.len() + markdown.len() / 2 + 16);
    html::push_html(&mut unsanitised, events.into_iter());
    sanitiser().clean(&unsanitised).to_string()
}

fn plain_text_unguarded(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                text.push_str(&t)
            }
            // Raw HTML is markup: keep only the words between its tags.
            Event::Html(t) | Event::InlineHtml(t) => {
                text.push(' ');
                push_without_tags(&mut text, &t);
                text.push(' ');
            }
            Event::SoftBreak | Event::HardBreak | Event::Rule => text.push(' '),
            // Block boundaries separate words; inline ones (emphasis, links)
            // must not split a word.
            Event::Start(tag) if !is_inline(&tag) => text.push(' '),
            Event::End(end) if !is_inline_end(end) => text.push(' '),
            Event::Start(_)
            | Event::End(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_) => {}
        }
    }
    collapse_whitespace(&text)
}

/// One open element of the rewritten stream: the end event to emit when it
/// closes (`None` if its start was dropped), and whether it was a block.
struct Frame {
    end: Option<TagEnd>,
    block: bool,
}

/// Rewrites pulldown-cmark's events into ones that can only produce allowed
/// markup (see the module docs).
fn safe_events<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut kept_depth = 0usize;
    // Inside an image (its alt text) only text survives.
    let mut image_depth = 0usize;

    for event in events {
        if image_depth > 0 {
            match event {
                Event::Start(Tag::Image { .. }) => image_depth += 1,
                Event::End(TagEnd::Image) => image_depth -= 1,
                Event::Text(t)
                | Event::Code(t)
                | Event::Html(t)
                | Event::InlineHtml(t)
                | Event::InlineMath(t)
                | Event::DisplayMath(t) => out.push(Event::Text(t)),
                Event::SoftBreak | Event::HardBreak | Event::Rule => {
                    out.push(Event::Text(CowStr::Borrowed(" ")))
                }
                Event::Start(_)
                | Event::End(_)
                | Event::FootnoteReference(_)
                | Event::TaskListMarker(_) => {}
            }
            continue;
        }

        match event {
            Event::Start(Tag::Image { .. }) => image_depth = 1,
            Event::End(TagEnd::Image) => {}
            Event::Start(tag) => {
                let block = !is_inline(&tag);
                let parent_kept = stack.last().is_none_or(|frame| frame.end.is_some());
                // Table and list parts follow their container, so a kept
                // `<ul>`/`<table>` is never left without its `<li>`/`<tr>`.
                let structural = matches!(
                    tag,
                    Tag::Item | Tag::TableHead | Tag::TableRow | Tag::TableCell
                );
                let keep = if structural {
                    parent_kept
                } else {
                    kept_depth < MAX_NESTING
                };
                match keep.then(|| safe_tag(tag)).flatten() {
                    Some(tag) => {
                        kept_depth += 1;
                        stack.push(Frame {
                            end: Some(tag.to_end()),
                            block,
                        });
                        out.push(Event::Start(tag));
                    }
                    None => {
                        stack.push(Frame { end: None, block });
                        if block {
                            out.push(Event::SoftBreak);
                        }
                    }
                }
            }
            Event::End(_) => {
                // The parser's events are balanced; an unmatched end is ignored.
                if let Some(frame) = stack.pop() {
                    match frame.end {
                        Some(end) => {
                            kept_depth -= 1;
                            out.push(Event::End(end));
                        }
                        None if frame.block => out.push(Event::SoftBreak),
                        None => {}
                    }
                }
            }
            Event::Text(t) => out.push(Event::Text(t)),
            Event::Code(t) => out.push(Event::Code(t)),
            // No raw HTML, ever: show it as the text the author typed.
            Event::Html(t) | Event::InlineHtml(t) => out.push(Event::Text(t)),
            Event::InlineMath(t) | Event::DisplayMath(t) => out.push(Event::Text(t)),
            Event::FootnoteReference(name) => {
                out.push(Event::Text(CowStr::from(format!("[^{name}]"))))
            }
            Event::TaskListMarker(checked) => {
                if stack.last().is_none_or(|frame| frame.end.is_some()) {
                    out.push(Event::TaskListMarker(checked));
                } else {
                    let marker = if checked { "[x] " } else { "[ ] " };
                    out.push(Event::Text(CowStr::Borrowed(marker)));
                }
            }
            Event::SoftBreak => out.push(Event::SoftBreak),
            Event::HardBreak => out.push(Event::HardBreak),
            Event::Rule => out.push(Event::Rule),
        }
    }

    // Defensive: close whatever is still open.
    while let Some(frame) = stack.pop() {
        if let Some(end) = frame.end {
            out.push(Event::End(end));
        }
    }
    out
}

/// The allowed form of a start tag, or `None` if the element must not
/// appear (its content is still rendered, as text).
fn safe_tag(tag: Tag<'_>) -> Option<Tag<'_>> {
    Some(match tag {
        Tag::Paragraph | Tag::HtmlBlock => Tag::Paragraph,
        // Levels are ranked afterwards, over the whole section.
        Tag::Heading { level, .. } => Tag::Heading {
            level,
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        },
        Tag::BlockQuote(_) => Tag::BlockQuote(None),
        Tag::CodeBlock(_) => Tag::CodeBlock(CodeBlockKind::Indented),
        Tag::List(start) => Tag::List(start),
        Tag::Item => Tag::Item,
        Tag::Table(alignments) => Tag::Table(vec![Alignment::None; alignments.len()]),
        Tag::TableHead => Tag::TableHead,
        Tag::TableRow => Tag::TableRow,
        Tag::TableCell => Tag::TableCell,
        Tag::Emphasis => Tag::Emphasis,
        Tag::Strong => Tag::Strong,
        Tag::Strikethrough => Tag::Strikethrough,
        Tag::Link {
            link_type,
            dest_url,
            ..
        } => Tag::Link {
            link_type: LinkType::Inline,
            dest_url: safe_link_url(link_type, &dest_url)?,
            title: CowStr::Borrowed(""),
            id: CowStr::Borrowed(""),
        },
        // Not enabled or not allowed: footnotes, definition lists,
        // super/subscript, metadata, images (handled by the caller).
        _ => return None,
    })
}

/// Maps the heading levels a section uses, in order, to `h3`, `h4`, … (at
/// most `h6`): a section under the page's `h2` whose author wrote `###`
/// and `#####` gets `h3` and `h4`, so assistive technology never meets a
/// skipped level.
fn rank_headings(events: &mut [Event<'_>]) {
    let mut used = [false; 6];
    for event in events.iter() {
        if let Event::Start(Tag::Heading { level, .. }) = event {
            used[*level as usize - 1] = true;
        }
    }
    let ranked = |level: HeadingLevel| {
        let rank = used[..level as usize - 1].iter().filter(|u| **u).count();
        [
            HeadingLevel::H3,
            HeadingLevel::H4,
            HeadingLevel::H5,
            HeadingLevel::H6,
        ][rank.min(3)]
    };
    for event in events.iter_mut() {
        match event {
            Event::Start(Tag::Heading { level, .. }) | Event::End(TagEnd::Heading(level)) => {
                *level = ranked(*level)
            }
            _ => {}
        }
    }
}

/// The URL a link may point to, or `None` if it must become plain text.
/// `dest_url` has already been unescaped by the parser (entities,
/// backslashes), so `&#106;avascript:` arrives here as `javascript:`.
fn safe_link_url<'a>(link_type: LinkType, dest_url: &str) -> Option<CowStr<'a>> {
    let url = dest_url.trim();
    let url = if link_type == LinkType::Email {
        format!("mailto:{url}")
    } else {
        url.to_owned()
    };
    is_allowed_url(&url).then(|| CowStr::from(url))
}

/// Absolute `http://`/`https://` URLs with a host, and `mailto:` URLs;
/// nothing with whitespace or control characters anywhere in it.
fn is_allowed_url(url: &str) -> bool {
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let lower = url.to_ascii_lowercase();
    if let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    {
        rest.split(['/', '?', '#'])
            .next()
            .is_some_and(|host| !host.is_empty())
    } else if let Some(rest) = lower.strip_prefix("mailto:") {
        !rest.is_empty()
    } else {
        false
    }
}

fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(end: TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// The second layer: an allow-list sanitiser over the generated HTML.
fn sanitiser() -> Builder<'static> {
    let mut builder = Builder::empty();
    builder
        .tags(ALLOWED_TAGS.iter().copied().collect())
        .clean_content_tags(DROP_WITH_CONTENT.iter().copied().collect())
        .generic_attributes(HashSet::new())
        .tag_attributes(HashMap::from([
            ("a", HashSet::from(["href"])),
            ("ol", HashSet::from(["start"])),
        ]))
        // Task-list checkboxes: a disabled checkbox, nothing else.
        .tag_attribute_values(HashMap::from([(
            "input",
            HashMap::from([
                ("type", HashSet::from(["checkbox"])),
                ("checked", HashSet::from([""])),
                ("disabled", HashSet::from([""])),
            ]),
        )]))
        .set_tag_attribute_value("input", "type", "checkbox")
        .set_tag_attribute_value("input", "disabled", "")
        .allowed_classes(HashMap::new())
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(UrlRelative::Deny)
        .link_rel(Some(LINK_REL))
        .id_prefix(None)
        .strip_comments(true);
    builder
}

/// Appends `html` without anything between `<` and `>` (search text only;
/// this is not a sanitiser).
fn push_without_tags(out: &mut String, html: &str) {
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
}

/// Words separated by single spaces; control characters count as spaces.
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Last-resort output: the whole source as escaped text.
fn escaped_paragraph(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() + 16);
    out.push_str("<p>");
    for c in markdown.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push_str("</p>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One tag of the output: its name (lowercased), whether it closes,
    /// its attributes, and its raw text between `<` and `>`.
    struct ParsedTag {
        name: String,
        closing: bool,
        attrs: Vec<(String, String)>,
        raw: String,
    }

    /// Splits HTML into its tags, loosely: from each `<` to the next `>`
    /// outside quotes. Text is escaped in the output, so every `<` opens a tag.
    fn tags(html: &str) -> Vec<ParsedTag> {
        let mut found = Vec::new();
        let mut chars = html.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if c != '<' {
                continue;
            }
            let mut quote: Option<char> = None;
            let mut end = html.len();
            for (i, c) in chars.by_ref() {
                match quote {
                    Some(q) if c == q => quote = None,
                    Some(_) => {}
                    None if c == '"' || c == '\'' => quote = Some(c),
                    None if c == '>' => {
                        end = i;
                        break;
                    }
                    None => {}
                }
            }
            found.push(parse_tag(&html[start + 1..end]));
        }
        found
    }

    fn parse_tag(raw: &str) -> ParsedTag {
        let closing = raw.starts_with('/');
        let body = raw.trim_start_matches('/');
        let name_len = body
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(body.len());
        let name = body[..name_len].to_ascii_lowercase();
        let mut attrs = Vec::new();
        let rest: Vec<char> = body[name_len..].chars().collect();
        let mut i = 0;
        while i < rest.len() {
            if rest[i].is_whitespace() || rest[i] == '/' {
                i += 1;
                continue;
            }
            let mut attr = String::new();
            while i < rest.len() && !rest[i].is_whitespace() && rest[i] != '=' && rest[i] != '/' {
                attr.push(rest[i]);
                i += 1;
            }
            let mut value = String::new();
            if i < rest.len() && rest[i] == '=' {
                i += 1;
                if i < rest.len() && (rest[i] == '"' || rest[i] == '\'') {
                    let q = rest[i];
                    i += 1;
                    while i < rest.len() && rest[i] != q {
                        value.push(rest[i]);
                        i += 1;
                    }
                    i += 1;
                } else {
                    while i < rest.len() && !rest[i].is_whitespace() {
                        value.push(rest[i]);
                        i += 1;
                    }
                }
            }
            attrs.push((attr.to_ascii_lowercase(), value));
        }
        ParsedTag {
            name,
            closing,
            attrs,
            raw: raw.to_owned(),
        }
    }

    /// ` on<letters>=` (any whitespace or `/` before, optional spaces
    /// before `=`) anywhere inside a tag.
    fn has_event_handler(raw_tag: &str) -> bool {
        let lower: Vec<char> = raw_tag.to_lowercase().chars().collect();
        (1..lower.len()).any(|i| {
            if !(lower[i - 1].is_whitespace() || lower[i - 1] == '/') {
                return false;
            }
            if lower.get(i) != Some(&'o') || lower.get(i + 1) != Some(&'n') {
                return false;
            }
            let mut j = i + 2;
            let letters_start = j;
            while j < lower.len() && lower[j].is_ascii_alphabetic() {
                j += 1;
            }
            if j == letters_start {
                return false;
            }
            while j < lower.len() && lower[j].is_whitespace() {
                j += 1;
            }
            lower.get(j) == Some(&'=')
        })
    }

    fn allowed_attr(tag: &str, attr: &str) -> bool {
        matches!(
            (tag, attr),
            ("a", "href" | "rel") | ("ol", "start") | ("input", "type" | "checked" | "disabled")
        )
    }

    /// Fails unless `html` (rendered from `source`) holds only allowed tags
    /// and attributes, no event handler, and only http/https/mailto hrefs.
    fn assert_safe(source: &str, html: &str) {
        let lower = html.to_lowercase();
        for banned in [
            "<script",
            "<svg",
            "<math",
            "<iframe",
            "<style",
            "<img",
            "<form",
            "<object",
            "<embed",
            "<base",
            "<meta",
            "<link",
            "<frame",
            "<template",
            "<h1",
            "<h2",
        ] {
            assert!(
                !lower.contains(banned),
                "{banned} in output\nsource: {source:?}\noutput: {html}"
            );
        }
        for tag in tags(html) {
            let context = format!("tag <{}>\nsource: {source:?}\noutput: {html}", tag.raw);
            assert!(!has_event_handler(&tag.raw), "event handler in {context}");
            assert!(
                ALLOWED_TAGS.contains(&tag.name.as_str()),
                "disallowed tag in {context}"
            );
            if tag.closing {
                assert!(tag.attrs.is_empty(), "attributes on closing {context}");
            }
            let raw_lower = tag.raw.to_lowercase();
            for scheme in ["javascript", "vbscript", "data:", "file:"] {
                assert!(!raw_lower.contains(scheme), "{scheme} in {context}");
            }
            for (name, value) in &tag.attrs {
                assert!(
                    allowed_attr(&tag.name, name),
                    "attribute {name} in {context}"
                );
                if name == "href" {
                    let value = value.to_lowercase();
                    assert!(
                        value.starts_with("https://")
                            || value.starts_with("http://")
                            || value.starts_with("mailto:"),
                        "href {value:?} in {context}"
                    );
                }
                if name == "rel" {
                    assert_eq!(value, LINK_REL, "{context}");
                }
            }
            if tag.name == "a" && !tag.closing && tag.attrs.iter().any(|(n, _)| n == "href") {
                assert!(
                    tag.attrs.iter().any(|(n, _)| n == "rel"),
                    "link without rel in {context}"
                );
            }
        }
    }

    /// Output nesting any input may reach: the cap plus a list item or a
    /// table's row and cell (a literal, so the test still bites if the cap
    /// is raised carelessly).
    const OUTPUT_DEPTH_LIMIT: usize = 35;

    /// Deepest element nesting in the output (void elements don't nest).
    fn max_depth(html: &str) -> usize {
        let (mut depth, mut max) = (0usize, 0usize);
        for tag in tags(html) {
            if matches!(tag.name.as_str(), "br" | "hr" | "input") {
                continue;
            }
            if tag.closing {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                max = max.max(depth);
            }
        }
        max
    }

    const XSS_CORPUS: &[&str] = &[
        "<script>alert(1)</script>",
        "<SCRIPT>alert(1)</SCRIPT>",
        "<ScRiPt src=//evil.example/x.js></ScRiPt>",
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<a onmouseover=\"alert(1)\">hover</a>",
        "<a href=\"https://ok.example\" onclick=\"alert(1)\">ok</a>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](java&#x09;script:alert(1))",
        "[x]( javascript:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;&#x61;vascript:alert(1))",
        "[x](javascript&colon;alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x](java\u{0}script:alert(1))",
        "[x](\u{1}javascript:alert(1))",
        "[x](javascript:alert(1) \"title\")",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](vbscript:msgbox(1))",
        "[x](//evil.example/path)",
        "[x](/relative/path)",
        "[x](#fragment)",
        "[x](https:javascript:alert(1))",
        "[x](https:///no-host)",
        "[x](https://ok.example\"onclick=\"alert(1))",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mi xlink:href=\"javascript:alert(1)\">click</mi></math>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "> <iframe srcdoc=\"<script>alert(1)</script>\">",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<form action=\"javascript:alert(1)\"><button>go</button></form>",
        "<img src=x onerror=alert(1)//",
        "<<script>script>alert(1)<</script>/script>",
        "<javascript:alert(1)>",
        "<JAVASCRIPT:alert(1)>",
        "<http://ok.example/\" onmouseover=\"alert(1)>",
        "[x][1]\n\n[1]: javascript:alert(1)",
        "[x]\n\n[x]: <javascript:alert(1)> \"t\"",
        "![x](javascript:alert(1))",
        "![x\" onerror=\"alert(1)](https://ok.example/a.png)",
        "[![x](https://ok.example/a.png)](javascript:alert(1))",
        "<!-- <script>alert(1)</script> -->",
        "<![CDATA[<script>alert(1)</script>]]>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<details open ontoggle=alert(1)>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<x onclick=alert(1)>x</x>",
        "<input type=\"text\" autofocus onfocus=alert(1)>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<template><script>alert(1)</script></template>",
        "[<img src=x onerror=alert(1)>](https://ok.example)",
        "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
        "- [x] <img src=x onerror=alert(1)>",
        "`<script>`alert(1)`</script>`",
        "```\n</code></pre><script>alert(1)</script>\n```",
        "```html onload=alert(1)\n<b>x</b>\n```",
        "# heading {#id .class onclick=alert(1)}",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "[x](mailto:a@b.example?subject=<script>)",
        "<a@b.example\" onclick=\"alert(1)>",
    ];

    #[test]
    fn xss_corpus_renders_safely() {
        assert!(XSS_CORPUS.len() >= 30);
        for payload in XSS_CORPUS {
            let html = render(payload);
            assert_safe(payload, &html);
            // The same payload inside other structures.
            for wrapped in [
                format!("> - **{payload}**"),
                format!("1. *{payload}*\n\n   > {payload}"),
                format!("| h |\n|---|\n| {payload} |"),
                format!("[{payload}](https://ok.example)"),
            ] {
                assert_safe(&wrapped, &render(&wrapped));
            }
        }
    }

    #[test]
    fn sanitiser_alone_removes_dangerous_html() {
        // Defence in depth: layer 2 must hold even if layer 1 passed raw HTML.
        for payload in XSS_CORPUS {
            assert_safe(payload, &sanitiser().clean(payload).to_string());
        }
        let cleaned = sanitiser()
            .clean("<a href=\"javascript:alert(1)\" target=_blank class=c id=i style=x>x</a>")
            .to_string();
        assert!(!cleaned.contains("href"), "{cleaned}");
        assert!(!cleaned.contains("target"), "{cleaned}");
        assert!(!cleaned.contains("class"), "{cleaned}");
        assert!(!cleaned.contains("id="), "{cleaned}");
        assert!(!cleaned.contains("style"), "{cleaned}");
        let cleaned = sanitiser()
            .clean("<input type=text value=x name=n formaction=https://x.example>")
            .to_string();
        assert_safe("input", &cleaned);
        assert!(cleaned.starts_with("<input "), "{cleaned}");
        assert!(cleaned.contains("type=\"checkbox\""), "{cleaned}");
        assert!(cleaned.contains("disabled=\"\""), "{cleaned}");
        assert!(
            !cleaned.contains("value") && !cleaned.contains("name"),
            "{cleaned}"
        );
    }

    #[test]
    fn sanitiser_alone_survives_deep_nesting() {
        let html = "<blockquote>".repeat(5_000) + "x" + &"</blockquote>".repeat(5_000);
        assert!(sanitiser().clean(&html).to_string().contains('x'));
        let html = "<em><strong>".repeat(5_000);
        assert!(sanitiser().clean(&html).to_string().starts_with("<em>"));
    }

    #[test]
    fn javascript_links_become_their_text() {
        for source in [
            "[클릭](javascript:alert(1))",
            "[클릭](JaVaScRiPt:alert(1))",
            "[클릭](java&#x09;script:alert(1))",
            "[클릭](&#106;avascript:alert(1))",
            "[클릭][1]\n\n[1]: javascript:alert(1)",
            "[클릭](/relative)",
            "[클릭](//evil.example)",
        ] {
            let html = render(source);
            assert_eq!(html, "<p>클릭</p>\n", "source: {source:?}");
        }
    }

    #[test]
    fn literal_html_is_shown_as_text() {
        let html = render("<img src=x onerror=alert(1)>");
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{html}"
        );
        assert!(!html.contains("<img"), "{html}");
        let html = render("안녕 <b>굵게</b> <script>alert(1)</script>");
        assert!(
            html.contains("&lt;b&gt;굵게&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        let html = render("<div>\n블록\n</div>");
        assert!(html.starts_with("<p>&lt;div&gt;"), "{html}");
    }

    #[test]
    fn headings_rank_from_h3_without_gaps() {
        let html = render("# A\n## B\n### C\n#### D\n##### E\n###### F\n\nG\n=\n\nH\n-");
        for expected in [
            "<h3>A</h3>",
            "<h4>B</h4>",
            "<h5>C</h5>",
            "<h6>D</h6>",
            "<h6>E</h6>",
            "<h6>F</h6>",
            "<h3>G</h3>",
            "<h4>H</h4>",
        ] {
            assert!(html.contains(expected), "{expected} missing from {html}");
        }
        assert!(!html.contains("<h1") && !html.contains("<h2"), "{html}");
        // Only `###` and `#####`: the first level used is h3, the next h4.
        assert_eq!(
            render("### 핵심 기술\n\n##### 특허"),
            "<h3>핵심 기술</h3>\n<h4>특허</h4>\n"
        );
    }

    #[test]
    fn inline_formatting() {
        let html = render("*기울임* **굵게** ~~취소~~ `x < y`");
        assert_eq!(
            html,
            "<p><em>기울임</em> <strong>굵게</strong> <del>취소</del> <code>x &lt; y</code></p>\n"
        );
        let html = render("첫 줄  \n둘째 줄\n\n---\n");
        assert!(html.contains("첫 줄<br>"), "{html}");
        assert!(html.contains("<hr>"), "{html}");
    }

    #[test]
    fn lists_and_task_lists() {
        let html = render("- 하나\n- 둘\n\n1. 가\n2. 나\n\n3) 다\n4) 라");
        assert!(
            html.contains("<ul>\n<li>하나</li>\n<li>둘</li>\n</ul>"),
            "{html}"
        );
        assert!(html.contains("<ol>\n<li>가</li>"), "{html}");
        assert!(html.contains("<ol start=\"3\">\n<li>다</li>"), "{html}");

        let html = render("- [x] 완료\n- [ ] 미완료");
        assert_safe("task list", &html);
        assert_eq!(html.matches("<input").count(), 2, "{html}");
        assert_eq!(html.matches("type=\"checkbox\"").count(), 2, "{html}");
        assert_eq!(html.matches("disabled=\"\"").count(), 2, "{html}");
        assert_eq!(html.matches("checked").count(), 1, "{html}");
        assert!(html.contains("완료") && html.contains("미완료"), "{html}");
    }

    #[test]
    fn tables_without_alignment_styles() {
        let html = render("| 항목 | 금액 |\n|:---|---:|\n| 매출 | 10억 |\n| 비용 | 3억 |");
        assert_safe("table", &html);
        for expected in [
            "<table>",
            "<thead>",
            "<tr>",
            "<th>항목</th>",
            "<th>금액</th>",
            "<tbody>",
            "<td>매출</td>",
            "<td>10억</td>",
        ] {
            assert!(html.contains(expected), "{expected} missing from {html}");
        }
        assert!(!html.contains("style") && !html.contains("align"), "{html}");
    }

    #[test]
    fn code_blocks_escape_and_drop_language_class() {
        let html = render("```html\n<script>alert(\"x\") && 1</script>\n```");
        assert_eq!(
            html,
            "<pre><code>&lt;script&gt;alert(\"x\") &amp;&amp; 1&lt;/script&gt;\n</code></pre>\n"
        );
        let html = render("    <b>indented</b>\n");
        assert_eq!(
            html,
            "<pre><code>&lt;b&gt;indented&lt;/b&gt;\n</code></pre>\n"
        );
    }

    #[test]
    fn allowed_links_keep_href_and_get_rel() {
        let html = render("[홈페이지](https://example.com/a?b=1&c=2 \"제목\")");
        assert_eq!(
            html,
            "<p><a href=\"https://example.com/a?b=1&amp;c=2\" \
             rel=\"nofollow noopener noreferrer ugc\">홈페이지</a></p>\n"
        );
        let html = render("[x](HTTP://Example.com) <https://example.com/auto> <ir@example.com>");
        assert_safe("links", &html);
        assert!(html.contains("href=\"HTTP://Example.com\""), "{html}");
        assert!(html.contains("href=\"https://example.com/auto\""), "{html}");
        assert!(html.contains("href=\"mailto:ir@example.com\""), "{html}");
        assert_eq!(html.matches(LINK_REL).count(), 3, "{html}");
        assert!(!html.contains("title"), "{html}");
    }

    #[test]
    fn images_render_as_alt_text() {
        let html = render("![회사 로고](https://example.com/logo.png \"로고\") 뒤");
        assert_eq!(html, "<p>회사 로고 뒤</p>\n");
        let html = render("[![배지](https://example.com/b.png)](https://example.com)");
        assert!(html.contains(">배지</a>"), "{html}");
        assert!(!html.contains("b.png"), "{html}");
    }

    #[test]
    fn korean_text_passes_through_intact() {
        let source = "## 투자 유치 현황\n\n저희 회사는 **시리즈 A** 투자를 유치했습니다. 🚀\n\n> 고객의 목소리: “정말 좋아요!”";
        let html = render(source);
        // The only heading level used ranks first: h3 under the page's h2.
        assert!(html.contains("<h3>투자 유치 현황</h3>"), "{html}");
        assert!(
            html.contains("<p>저희 회사는 <strong>시리즈 A</strong> 투자를 유치했습니다. 🚀</p>"),
            "{html}"
        );
        assert!(html.contains("고객의 목소리: “정말 좋아요!”"), "{html}");
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let source = ">".repeat(5_000) + " 깊은 인용";
        let html = render(&source);
        assert!(html.contains("깊은 인용"), "text lost");
        assert_eq!(html.matches("<blockquote>").count(), MAX_NESTING);
        assert_eq!(
            html.matches("<blockquote>").count(),
            html.matches("</blockquote>").count()
        );

        let source = "- ".repeat(3_000) + "항목";
        let html = render(&source);
        assert!(html.contains("항목"));
        assert!(
            max_depth(&html) <= OUTPUT_DEPTH_LIMIT,
            "{}",
            max_depth(&html)
        );
        assert_safe("nested list", &html);

        // Nesting just under the cap is kept as written.
        let html = render(&("> ".repeat(10) + "x"));
        assert_eq!(html.matches("<blockquote>").count(), 10);
    }

    #[test]
    fn pathological_inputs_render() {
        let n = MAX_SECTION_BYTES;
        let half = n / 2;
        let header = "|a".repeat(half / 4) + "|\n" + &"|-".repeat(half / 4) + "|\n";
        let mut table = header;
        while table.len() < n {
            table.push_str("|<b>x</b>");
        }
        let inputs = [
            "[".repeat(n),
            "]".repeat(n),
            "*".repeat(n),
            "_".repeat(n),
            "~".repeat(n),
            "`".repeat(n),
            ">".repeat(n),
            "<".repeat(n),
            "#".repeat(n),
            "|".repeat(n),
            "\\".repeat(n),
            "\n".repeat(n),
            "- ".repeat(half),
            "- ".repeat(half - 1) + "x",
            "1. ".repeat(n / 3 - 1) + "x",
            (0..139)
                .map(|i| " ".repeat(2 * i) + "- x\n")
                .collect::<String>(),
            "1. ".repeat(n / 3),
            "> - ".repeat(n / 4),
            "&#".repeat(half),
            "&#x".repeat(n / 3),
            "&#1234567;".repeat(n / 10),
            "[a](".repeat(n / 4),
            "![a](".repeat(n / 5),
            "[a]: <".repeat(n / 6),
            "<a href='javascript:x'>".repeat(n / 23),
            "*a **b ".repeat(n / 7),
            "*".repeat(half) + "깊이" + &"*".repeat(half),
            "**_~~".repeat(n / 10) + "x" + &"~~_**".repeat(n / 10),
            "```\n".repeat(n / 4),
            "[x]: https://a.example\n".repeat(n / 23),
            "| a | b |\n|---|---|\n".repeat(n / 20),
            table,
            "가".repeat(n / 3),
            "- [x] ".repeat(n / 6),
            "<!--".repeat(n / 4),
            "<![CDATA[".repeat(n / 9),
        ];
        for source in &inputs {
            assert!(
                source.len() <= n + 16,
                "generator too long: {} bytes for {:?}",
                source.len(),
                source.chars().take(40).collect::<String>()
            );
            let head: String = source.chars().take(40).collect();
            let html = render(source);
            assert_safe(&head, &html);
            assert!(
                max_depth(&html) <= OUTPUT_DEPTH_LIMIT,
                "depth {} for {head:?}",
                max_depth(&html)
            );
            let text = plain_text(source);
            assert!(!text.contains("  ") && !text.contains('\n'));
        }
        // The API promises any size, not just MAX_SECTION_BYTES.
        let big = ">".repeat(5 * n) + &"*".repeat(5 * n);
        assert_safe("big", &render(&big));
        assert!(render(&"가나다 ".repeat(n)).contains("가나다"));
    }

    #[test]
    fn url_allow_list() {
        for ok in [
            "https://a.example",
            "HTTPS://A.EXAMPLE/x",
            "http://a.example?q",
            "mailto:a@b.example",
            "MailTo:a@b.example",
        ] {
            assert!(is_allowed_url(ok), "{ok}");
        }
        for bad in [
            "",
            "javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "//a.example",
            "/a",
            "a.example",
            "https:/a.example",
            "https://",
            "https:///x",
            "https://a.example/ x",
            "https://a.example/\u{7}",
            "mailto:",
            "ftp://a.example",
        ] {
            assert!(!is_allowed_url(bad), "{bad:?}");
        }
    }

    #[test]
    fn plain_text_strips_markup() {
        let source = "# 제목\n\n**굵은** 글씨와 [링크 텍스트](https://example.com/secret-url)\n\n\
                      - 하나\n- 둘\n\n> 인용 `코드`\n\n![로고](https://example.com/logo.png)";
        assert_eq!(
            plain_text(source),
            "제목 굵은 글씨와 링크 텍스트 하나 둘 인용 코드 로고"
        );
        assert!(!plain_text(source).contains("example.com"));
    }

    #[test]
    fn plain_text_collapses_whitespace_and_separates_blocks() {
        assert_eq!(plain_text("a  \n\n\n   b\t\tc"), "a b c");
        assert_eq!(plain_text("문단\n\n다음"), "문단 다음");
        assert_eq!(
            plain_text("| 항목 | 금액 |\n|---|---|\n| 매출 | 10억 |"),
            "항목 금액 매출 10억"
        );
        assert_eq!(plain_text("  \n\n "), "");
        assert_eq!(plain_text("**굵**게"), "굵게");
    }

    #[test]
    fn plain_text_drops_raw_html_tags_but_keeps_words() {
        assert_eq!(plain_text("안녕 <b>하세요</b>"), "안녕 하세요");
        assert_eq!(
            plain_text("<p>저희 회사</p>\n\n다음 문단"),
            "저희 회사 다음 문단"
        );
        assert_eq!(plain_text("`x < y` &amp; z"), "x < y & z");
        assert!(!plain_text("<img src=x onerror=alert(1)>").contains("onerror"));
    }
}
