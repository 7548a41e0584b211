//! The guide (`docs/`) and the READMEs cannot rot unnoticed:
//!
//! - every relative link and `#anchor` in `docs/src/**/*.md` and the READMEs resolves: to a
//!   file or folder that exists, and for an anchor to a heading of that Markdown file (ids
//!   made as mdBook and GitHub make them); links of the book stay inside `docs/src/` (the
//!   only part mdBook publishes);
//! - links into this repository written as `REPOSITORY/blob/main/PATH` or
//!   `REPOSITORY/tree/main/PATH` (the book's way to name source files) name a path that
//!   exists;
//! - every `{{#include PATH:ANCHOR}}` of the book names a file, and an anchor in it that
//!   encloses some lines (mdBook includes nothing, silently, for a missing anchor);
//! - every Rust code block of the book is such an include: the book's code lives in files
//!   that a test compiles (`examples/tests/guide.rs`, the example programs);
//! - a README code block preceded by `<!-- include: PATH -->` equals that file, which builds.
//!
//! `mdbook build docs` (in `.ci/run`) then fails on a missing include file.

use std::collections::{BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// The repository's address, as the workspace's `Cargo.toml` gives it.
const REPOSITORY: &str = "https://github.com/mesos-rs/mesos-rs";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root")
        .to_path_buf()
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The Markdown files checked: the book's chapters and the READMEs.
fn markdown_files() -> Vec<PathBuf> {
    let root = root();
    let mut files = vec![root.join("README.md")];
    for readme in [
        "proto/README.md",
        "mesos-sdk/README.md",
        "mesos-sim/README.md",
        "k8s-framework/README.md",
    ] {
        if root.join(readme).exists() {
            files.push(root.join(readme));
        }
    }
    let mut stack = vec![root.join("docs/src")];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn in_book(file: &Path) -> bool {
    file.starts_with(root().join("docs/src"))
}

/// A heading's id as mdBook (`normalize_id`) and GitHub make it: alphanumerics, `_` and `-`
/// lowercased, whitespace as `-`, everything else dropped.
fn heading_id(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c.to_ascii_lowercase())
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// What one Markdown file holds that the checks need.
#[derive(Default)]
struct Scanned {
    /// Heading ids, duplicates numbered `-1`, `-2`, ... as both renderers do.
    anchors: BTreeSet<String>,
    /// Link and image destinations.
    links: Vec<String>,
    /// Fenced code blocks: language and content.
    code_blocks: Vec<(String, String)>,
    /// The code block right after each `<!-- include: PATH -->` comment.
    included_blocks: Vec<(String, String)>,
}

fn scan(text: &str) -> Scanned {
    let mut scanned = Scanned::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut heading: Option<(String, Option<String>)> = None;
    let mut code: Option<(String, String)> = None;
    let mut pending_include: Option<String> = None;
    for event in Parser::new_ext(text, options()) {
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                heading = Some((String::new(), id.map(|i| i.to_string())));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((text, explicit)) = heading.take() {
                    let base = explicit.unwrap_or_else(|| heading_id(&text));
                    let count = seen.entry(base.clone()).or_default();
                    let id = match *count {
                        0 => base,
                        n => format!("{base}-{n}"),
                    };
                    *count += 1;
                    scanned.anchors.insert(id);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((text, _)) = heading.as_mut() {
                    text.push_str(&t);
                }
                if let Some((_, body)) = code.as_mut() {
                    body.push_str(&t);
                }
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                scanned.links.push(dest_url.to_string());
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(lang) => lang.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(block) = code.take() {
                    if let Some(path) = pending_include.take() {
                        scanned.included_blocks.push((path, block.1.clone()));
                    }
                    scanned.code_blocks.push(block);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                let html = html.trim();
                if let Some(rest) = html.strip_prefix("<!-- include:") {
                    let path = rest.trim_end_matches("-->").trim();
                    pending_include = Some(path.to_string());
                }
            }
            _ => {}
        }
    }
    scanned
}

/// `path` with `.` and `..` resolved, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[test]
fn links_and_anchors_resolve() {
    let root = root();
    let files = markdown_files();
    let scanned: HashMap<PathBuf, Scanned> = files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", f.display()));
            (f.clone(), scan(&text))
        })
        .collect();
    let mut broken = Vec::new();
    for file in &files {
        let shown = file
            .strip_prefix(&root)
            .unwrap_or(file)
            .display()
            .to_string();
        for link in &scanned[file].links {
            let (target, fragment) = match link.split_once('#') {
                Some((t, f)) => (t, Some(f)),
                None => (link.as_str(), None),
            };
            if let Some(rest) = target.strip_prefix(REPOSITORY) {
                let path = rest
                    .strip_prefix("/blob/main/")
                    .or_else(|| rest.strip_prefix("/tree/main/"));
                match path {
                    Some(path) if root.join(path).exists() => {}
                    Some(path) => broken.push(format!("{shown}: {link}: no {path} here")),
                    None if rest.is_empty() || rest == "/" => {}
                    None => broken.push(format!(
                        "{shown}: {link}: name files as {REPOSITORY}/blob/main/PATH"
                    )),
                }
                continue;
            }
            if target.contains("://") || target.starts_with("mailto:") {
                continue; // Outside the repository: not checked (no network here).
            }
            let resolved = if target.is_empty() {
                file.clone()
            } else {
                normalize(&file.parent().expect("a folder").join(target))
            };
            if !resolved.exists() {
                broken.push(format!(
                    "{shown}: {link}: {} does not exist",
                    resolved.display()
                ));
                continue;
            }
            if in_book(file) && !in_book(&resolved) {
                broken.push(format!(
                    "{shown}: {link}: leaves docs/src/, which is all the book publishes; \
                     link {REPOSITORY}/blob/main/PATH instead"
                ));
                continue;
            }
            let Some(fragment) = fragment else { continue };
            let Some(target_scan) = scanned.get(&resolved) else {
                if resolved.extension().is_some_and(|e| e == "md") {
                    let text = std::fs::read_to_string(&resolved).unwrap_or_default();
                    if !scan(&text).anchors.contains(fragment) {
                        broken.push(format!("{shown}: {link}: no heading #{fragment} there"));
                    }
                }
                continue;
            };
            if !target_scan.anchors.contains(fragment) {
                broken.push(format!(
                    "{shown}: {link}: no heading #{fragment} there (it has: {})",
                    target_scan
                        .anchors
                        .iter()
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// The `{{#include ...}}` and `{{#rustdoc_include ...}}` directives of a text: (path, anchor).
fn includes(text: &str) -> Vec<(String, Option<String>)> {
    let mut found = Vec::new();
    for directive in ["{{#include ", "{{#rustdoc_include "] {
        let mut rest = text;
        while let Some(start) = rest.find(directive) {
            let after = &rest[start + directive.len()..];
            let end = after.find("}}").unwrap_or(after.len());
            let spec = after[..end].trim();
            let (path, anchor) = match spec.split_once(':') {
                Some((p, a)) => (p.to_string(), Some(a.to_string())),
                None => (spec.to_string(), None),
            };
            found.push((path, anchor));
            rest = &after[end..];
        }
    }
    found
}

#[test]
fn the_books_includes_and_code_are_compiled_files() {
    let root = root();
    let mut problems = Vec::new();
    for file in markdown_files().into_iter().filter(|f| in_book(f)) {
        let shown = file
            .strip_prefix(&root)
            .unwrap_or(&file)
            .display()
            .to_string();
        let text = std::fs::read_to_string(&file).expect("readable");
        for (path, anchor) in includes(&text) {
            let target = file.parent().expect("a folder").join(&path);
            let Ok(source) = std::fs::read_to_string(&target) else {
                problems.push(format!("{shown}: includes {path}, which does not exist"));
                continue;
            };
            let Some(anchor) = anchor else { continue };
            if anchor.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                problems.push(format!(
                    "{shown}: includes {path}:{anchor} by line numbers, which rot: use an anchor"
                ));
                continue;
            }
            let start = format!("ANCHOR: {anchor}");
            let end = format!("ANCHOR_END: {anchor}");
            let lines: Vec<&str> = source.lines().collect();
            let begin = lines.iter().position(|l| l.trim_end().ends_with(&start));
            let finish = lines.iter().position(|l| l.trim_end().ends_with(&end));
            match (begin, finish) {
                (Some(b), Some(e)) if e > b + 1 => {}
                _ => problems.push(format!(
                    "{shown}: includes {path}:{anchor}, but {path} has no `// {start}` ... \
                     `// {end}` around some lines"
                )),
            }
        }
        for (lang, body) in scan(&text).code_blocks {
            let is_rust = lang.split(',').next().is_some_and(|l| l.trim() == "rust");
            let only_includes = body
                .lines()
                .all(|l| l.trim().is_empty() || l.trim().starts_with("{{#"));
            if is_rust && !only_includes {
                problems.push(format!(
                    "{shown}: a Rust block written in the page; put the code in a file a test \
                     compiles (examples/tests/guide.rs) and {{{{#include}}}} it:\n{body}"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn readme_code_equals_the_files_it_names() {
    let root = root();
    let mut checked = 0;
    let mut problems = Vec::new();
    for file in markdown_files().into_iter().filter(|f| !in_book(f)) {
        let text = std::fs::read_to_string(&file).expect("readable");
        for (path, block) in scan(&text).included_blocks {
            let target = file.parent().expect("a folder").join(&path);
            let source = std::fs::read_to_string(&target).unwrap_or_default();
            checked += 1;
            if source.trim_end() != block.trim_end() {
                problems.push(format!(
                    "{}: the block after `<!-- include: {path} -->` is not that file's \
                     content; copy {} into it",
                    file.strip_prefix(&root).unwrap_or(&file).display(),
                    target.display()
                ));
            }
        }
    }
    assert!(checked > 0, "README.md names no included file");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn heading_ids_are_made_as_mdbook_makes_them() {
    assert_eq!(
        heading_id("Leader detection and failover"),
        "leader-detection-and-failover"
    );
    assert_eq!(
        heading_id("`k8sm local`: one process"),
        "k8sm-local-one-process"
    );
    assert_eq!(
        heading_id("Error::Status (HTTP 4xx/5xx)"),
        "errorstatus-http-4xx5xx"
    );
    let scanned = scan("# A\n\n## A\n\n## Custom {#mine}\n");
    let anchors: Vec<&str> = scanned.anchors.iter().map(String::as_str).collect();
    assert_eq!(anchors, ["a", "a-1", "mine"]);
    let links = scan("[x](a.md#b) ![y](c.png) `[not](a link)`").links;
    assert_eq!(links, ["a.md#b", "c.png"]);
}

/// `mesos-sdk`'s crate documentation opens with the `hello` program (its `use` lines and
/// `main`), which cannot be included there: a published crate holds only its own files.
#[test]
fn the_sdk_docs_open_with_hello() {
    let root = root();
    let hello = std::fs::read_to_string(root.join("examples/src/bin/hello.rs")).expect("hello");
    let program = &hello[hello.find("use ").expect("use lines")..];
    let lib = std::fs::read_to_string(root.join("mesos-sdk/src/lib.rs")).expect("lib.rs");
    let doc: Vec<&str> = lib
        .lines()
        .take_while(|l| l.starts_with("//!"))
        .map(|l| {
            l.strip_prefix("//! ")
                .unwrap_or(l.trim_start_matches("//!"))
        })
        .collect();
    let start = doc
        .iter()
        .position(|l| *l == "```no_run")
        .expect("a no_run example")
        + 1;
    let end = start
        + doc[start..]
            .iter()
            .position(|l| *l == "```")
            .expect("its end");
    let example = doc[start..end].join("\n");
    assert_eq!(
        example.trim_end(),
        program.trim_end(),
        "mesos-sdk/src/lib.rs's first example differs from examples/src/bin/hello.rs"
    );
}
