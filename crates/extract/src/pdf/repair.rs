//! Last resort for files whose page tree is lost (truncated before the
//! catalog, which WPS and ONLYOFFICE write at the end): find every
//! `N G obj << … /Type /Page … >>` in the raw bytes and append a new
//! catalog and page tree that lists them in file order, plus a trailer,
//! so lopdf's object scan can load the file.

/// The repaired file, or `None` when no page object is found.
pub(crate) fn with_rebuilt_page_tree(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut pages = Vec::new();
    let mut max_id = 0u32;
    let mut at = 0;
    while let Some(found) = find(&bytes[at..], b"obj") {
        let end = at + found;
        at = end + 3;
        let Some((id, generation)) = object_header(&bytes[..end]) else {
            continue;
        };
        max_id = max_id.max(id);
        let body = &bytes[at..bytes.len().min(at + 4096)];
        let body = &body[..find(body, b"endobj").unwrap_or(body.len())];
        if is_page(body) {
            pages.push((id, generation));
        }
    }
    if pages.is_empty() {
        return None;
    }
    let (catalog, tree) = (max_id + 1, max_id + 2);
    let kids: Vec<String> = pages.iter().map(|(id, g)| format!("{id} {g} R")).collect();
    let mut out = bytes.to_vec();
    out.extend_from_slice(
        format!(
            "\n{catalog} 0 obj\n<< /Type /Catalog /Pages {tree} 0 R >>\nendobj\n\
             {tree} 0 obj\n<< /Type /Pages /Kids [{}] /Count {} >>\nendobj\n\
             trailer\n<< /Size {} /Root {catalog} 0 R >>\n%%EOF\n",
            kids.join(" "),
            pages.len(),
            tree + 1
        )
        .as_bytes(),
    );
    Some(out)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `12 0 ` right before `obj`, on a token boundary.
fn object_header(before: &[u8]) -> Option<(u32, u16)> {
    let text = &before[before.len().saturating_sub(24)..];
    let text = std::str::from_utf8(text).ok().or_else(|| {
        let start = text.iter().rposition(|b| !b.is_ascii())? + 1;
        std::str::from_utf8(&text[start..]).ok()
    })?;
    if !text.ends_with(|c: char| c.is_ascii_whitespace()) {
        return None;
    }
    let mut tokens = text.split_ascii_whitespace().rev();
    let generation = tokens.next()?.parse().ok()?;
    let id = tokens.next()?.parse().ok()?;
    Some((id, generation))
}

/// `/Type /Page` but not `/Type /Pages`.
fn is_page(body: &[u8]) -> bool {
    let mut at = 0;
    while let Some(i) = find(&body[at..], b"/Type") {
        let rest = &body[at + i + 5..];
        let rest = &rest[rest
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(rest.len())..];
        if rest.starts_with(b"/Page")
            && !rest[5..].first().is_some_and(|b| b.is_ascii_alphanumeric())
        {
            return true;
        }
        at += i + 5;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_pages_not_page_trees() {
        let file = b"%PDF-1.4\n4 0 obj\n<< /Type /Pages /Kids [5 0 R] >>\nendobj\n5 0 obj<</Type/Page/MediaBox[0 0 1 1]>>endobj\n";
        let repaired = with_rebuilt_page_tree(file).unwrap();
        let tail = String::from_utf8_lossy(&repaired[file.len()..]).into_owned();
        assert!(tail.contains("/Kids [5 0 R] /Count 1"), "{tail}");
        assert!(tail.contains("/Root 6 0 R"), "{tail}");
        assert_eq!(
            with_rebuilt_page_tree(b"%PDF-1.4\n1 0 obj\n<< >>\nendobj"),
            None
        );
    }
}
