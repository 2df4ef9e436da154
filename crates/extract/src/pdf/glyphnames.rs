//! Simple-font encodings and Adobe glyph list names, the part of them real
//! filings use: Latin letters, digits, punctuation, `uniXXXX`/`uXXXX`.

/// A base encoding's code → Unicode table. WinAnsi is also the fallback:
/// it is what Word and WPS write for their simple TrueType subsets.
pub(crate) fn base_encoding(name: &[u8]) -> [Option<char>; 256] {
    let codec = match name {
        b"MacRomanEncoding" => encoding_rs::MACINTOSH,
        _ => encoding_rs::WINDOWS_1252,
    };
    let mut table = [None; 256];
    for (code, slot) in table.iter_mut().enumerate().skip(0x20) {
        let byte = [code as u8];
        let (text, _) = codec.decode_without_bom_handling(&byte);
        *slot = text.chars().next().filter(|c| !c.is_control());
    }
    if name == b"StandardEncoding" {
        table[0x27] = Some('\u{2019}');
        table[0x60] = Some('\u{2018}');
    }
    table
}

/// Unicode for a glyph name, or `None` for names that carry no text.
pub(crate) fn to_unicode(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    // `a.sc`, `one.oldstyle`: the part before the dot names the character.
    let name = name.split('.').next().unwrap_or(name);
    if name.len() == 1 {
        return name.chars().next().filter(char::is_ascii_alphanumeric);
    }
    if let Some(hex) = name.strip_prefix("uni").filter(|h| h.len() >= 4) {
        return u32::from_str_radix(&hex[..4], 16)
            .ok()
            .and_then(char::from_u32);
    }
    if let Some(hex) = name
        .strip_prefix('u')
        .filter(|h| (4..=6).contains(&h.len()))
    {
        if let Ok(v) = u32::from_str_radix(hex, 16) {
            return char::from_u32(v);
        }
    }
    let i = NAMES.binary_search_by(|(n, _)| n.cmp(&name)).ok()?;
    Some(NAMES[i].1)
}

/// Sorted by name for binary search.
const NAMES: &[(&str, char)] = &[
    ("AE", 'Æ'),
    ("Aacute", 'Á'),
    ("Adieresis", 'Ä'),
    ("Agrave", 'À'),
    ("Eacute", 'É'),
    ("Euro", '€'),
    ("Odieresis", 'Ö'),
    ("Udieresis", 'Ü'),
    ("aacute", 'á'),
    ("acute", '´'),
    ("adieresis", 'ä'),
    ("ae", 'æ'),
    ("agrave", 'à'),
    ("ampersand", '&'),
    ("asciicircum", '^'),
    ("asciitilde", '~'),
    ("asterisk", '*'),
    ("at", '@'),
    ("backslash", '\\'),
    ("bar", '|'),
    ("braceleft", '{'),
    ("braceright", '}'),
    ("bracketleft", '['),
    ("bracketright", ']'),
    ("bullet", '•'),
    ("ccedilla", 'ç'),
    ("cent", '¢'),
    ("colon", ':'),
    ("comma", ','),
    ("copyright", '©'),
    ("currency", '¤'),
    ("dagger", '†'),
    ("degree", '°'),
    ("dieresis", '¨'),
    ("divide", '÷'),
    ("dollar", '$'),
    ("eacute", 'é'),
    ("egrave", 'è'),
    ("eight", '8'),
    ("ellipsis", '…'),
    ("emdash", '—'),
    ("endash", '–'),
    ("equal", '='),
    ("exclam", '!'),
    ("fi", 'ﬁ'),
    ("five", '5'),
    ("fl", 'ﬂ'),
    ("four", '4'),
    ("fraction", '⁄'),
    ("germandbls", 'ß'),
    ("grave", '`'),
    ("greater", '>'),
    ("guillemotleft", '«'),
    ("guillemotright", '»'),
    ("hyphen", '-'),
    ("less", '<'),
    ("logicalnot", '¬'),
    ("middot", '·'),
    ("minus", '−'),
    ("multiply", '×'),
    ("nine", '9'),
    ("nonbreakingspace", '\u{a0}'),
    ("numbersign", '#'),
    ("odieresis", 'ö'),
    ("one", '1'),
    ("onehalf", '½'),
    ("ordfeminine", 'ª'),
    ("ordmasculine", 'º'),
    ("paragraph", '¶'),
    ("parenleft", '('),
    ("parenright", ')'),
    ("percent", '%'),
    ("period", '.'),
    ("periodcentered", '·'),
    ("perthousand", '‰'),
    ("plus", '+'),
    ("plusminus", '±'),
    ("question", '?'),
    ("quotedbl", '"'),
    ("quotedblbase", '„'),
    ("quotedblleft", '“'),
    ("quotedblright", '”'),
    ("quoteleft", '‘'),
    ("quoteright", '’'),
    ("quotesingle", '\''),
    ("registered", '®'),
    ("section", '§'),
    ("semicolon", ';'),
    ("seven", '7'),
    ("six", '6'),
    ("slash", '/'),
    ("space", ' '),
    ("sterling", '£'),
    ("three", '3'),
    ("trademark", '™'),
    ("two", '2'),
    ("udieresis", 'ü'),
    ("underscore", '_'),
    ("yen", '¥'),
    ("zero", '0'),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_sorted_and_resolve() {
        assert!(NAMES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(to_unicode(b"zero"), Some('0'));
        assert_eq!(to_unicode(b"uni4E2D"), Some('中'));
        assert_eq!(to_unicode(b"u1F600"), Some('😀'));
        assert_eq!(to_unicode(b"A"), Some('A'));
        assert_eq!(to_unicode(b".notdef"), None);
        assert_eq!(base_encoding(b"WinAnsiEncoding")[0x80], Some('€'));
    }
}
