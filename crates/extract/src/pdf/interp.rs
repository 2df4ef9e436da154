//! The content-stream interpreter: runs a page's operators and keeps what
//! extraction needs — where each character lands and which straight lines
//! are drawn. Everything else (colour beyond "is it white", clipping,
//! images, shadings) is skipped.

use std::collections::HashMap;
use std::sync::Arc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::{Code, Font};
use super::lexer::Lexer;
use super::matrix::Matrix;
use super::objects::{content_bytes, deref, dict_of, name_of, num, numbers};
use super::FontCache;
use crate::{Glyph, Ruling};

/// Form XObjects nest at most this deep; deeper is a loop or an attack.
const MAX_FORM_DEPTH: usize = 12;
/// Graphics states saved with `q` at most.
const MAX_SAVES: usize = 256;
/// A filled rectangle at most this thin (points) is a drawn line.
const MAX_RULE_THICKNESS: f32 = 2.0;

#[derive(Clone)]
struct GraphicsState {
    ctm: Matrix,
    fill_white: bool,
    stroke_white: bool,
    font: Option<Arc<Font>>,
    font_size: f32,
    char_spacing: f32,
    word_spacing: f32,
    /// Tz / 100.
    h_scale: f32,
    leading: f32,
    rise: f32,
    render_mode: i64,
}

/// One subpath in page coordinates; `straight[i]` tells whether the
/// segment ending at `points[i]` is a line (curves are not rulings).
#[derive(Default)]
struct Subpath {
    points: Vec<(f32, f32)>,
    straight: Vec<bool>,
}

/// What a page paints, in page coordinates.
#[derive(Default)]
pub(crate) struct Painted {
    pub glyphs: Vec<Glyph>,
    pub rulings: Vec<Ruling>,
    pub fonts: Vec<String>,
    /// Why a form the page draws was not read whole, if one was not.
    pub damaged: Option<String>,
    font_index: HashMap<*const Font, u16>,
}

pub(crate) struct Interpreter<'a> {
    doc: &'a Document,
    fonts: &'a FontCache,
    out: Painted,
    gs: GraphicsState,
    stack: Vec<GraphicsState>,
    /// `q`s past MAX_SAVES not yet closed.
    unsaved: usize,
    tm: Matrix,
    tlm: Matrix,
    path: Vec<Subpath>,
    forms: Vec<ObjectId>,
    codes: Vec<Code>,
    text: String,
}

impl<'a> Interpreter<'a> {
    /// `page_matrix` maps default user space to the upright visible page.
    pub fn new(doc: &'a Document, fonts: &'a FontCache, page_matrix: Matrix) -> Interpreter<'a> {
        Interpreter {
            doc,
            fonts,
            out: Painted::default(),
            gs: GraphicsState {
                ctm: page_matrix,
                fill_white: false,
                stroke_white: false,
                font: None,
                font_size: 0.0,
                char_spacing: 0.0,
                word_spacing: 0.0,
                h_scale: 1.0,
                leading: 0.0,
                rise: 0.0,
                render_mode: 0,
            },
            stack: Vec::new(),
            unsaved: 0,
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            path: Vec::new(),
            forms: Vec::new(),
            codes: Vec::new(),
            text: String::new(),
        }
    }

    pub fn finish(self) -> Painted {
        self.out
    }

    pub fn run(&mut self, content: &[u8], resources: Option<&'a Dictionary>) {
        let mut lexer = Lexer::new(content);
        let mut operands = Vec::new();
        while let Some(operator) = lexer.next_op(&mut operands) {
            if let Ok(operator) = std::str::from_utf8(operator) {
                self.op(operator, &operands, resources);
            }
        }
    }

    fn op(&mut self, operator: &str, args: &[Object], resources: Option<&'a Dictionary>) {
        let n = |i: usize| args.get(i).and_then(num).unwrap_or(0.0);
        match operator {
            // Past MAX_SAVES nested saves, q and its Q are only counted,
            // so a runaway stream cannot exhaust memory or unbalance Q.
            "q" if self.stack.len() < MAX_SAVES => self.stack.push(self.gs.clone()),
            "q" => self.unsaved += 1,
            "Q" if self.unsaved > 0 => self.unsaved -= 1,
            "Q" => {
                if let Some(gs) = self.stack.pop() {
                    self.gs = gs;
                }
            }
            "cm" if args.len() == 6 => {
                self.gs.ctm = Matrix::new([n(0), n(1), n(2), n(3), n(4), n(5)]).then(&self.gs.ctm);
            }
            // Colour: only "white or not" matters (white rules are invisible).
            "g" | "rg" | "k" | "sc" | "scn" => self.gs.fill_white = is_white(args),
            "G" | "RG" | "K" | "SC" | "SCN" => self.gs.stroke_white = is_white(args),
            "cs" => self.gs.fill_white = false,
            "CS" => self.gs.stroke_white = false,
            // Path construction.
            "m" => self.path.push(Subpath {
                points: vec![self.device(n(0), n(1))],
                straight: vec![true],
            }),
            "l" => {
                let p = self.device(n(0), n(1));
                self.extend_path(p, true);
            }
            "c" => {
                let p = self.device(n(4), n(5));
                self.extend_path(p, false);
            }
            "v" | "y" => {
                let p = self.device(n(2), n(3));
                self.extend_path(p, false);
            }
            "h" => self.close_subpath(),
            "re" => {
                let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                let points = vec![
                    self.device(x, y),
                    self.device(x + w, y),
                    self.device(x + w, y + h),
                    self.device(x, y + h),
                    self.device(x, y),
                ];
                self.path.push(Subpath {
                    points,
                    straight: vec![true; 5],
                });
            }
            // Path painting.
            // s, b, b*: close the current subpath first (`h S`, `h B`).
            "S" => self.paint(true, false),
            "s" => {
                self.close_subpath();
                self.paint(true, false);
            }
            "f" | "F" | "f*" => self.paint(false, true),
            "B" | "B*" => self.paint(true, true),
            "b" | "b*" => {
                self.close_subpath();
                self.paint(true, true);
            }
            "n" => self.path.clear(),
            // Text state.
            "BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            "Tf" => {
                self.gs.font = args
                    .first()
                    .and_then(name_of)
                    .and_then(|name| self.font(resources, name));
                self.gs.font_size = n(1);
            }
            "Tc" => self.gs.char_spacing = n(0),
            "Tw" => self.gs.word_spacing = n(0),
            "Tz" => self.gs.h_scale = n(0) / 100.0,
            "TL" => self.gs.leading = n(0),
            "Ts" => self.gs.rise = n(0),
            "Tr" => self.gs.render_mode = args.first().and_then(|o| o.as_i64().ok()).unwrap_or(0),
            "Td" => self.next_line(n(0), n(1)),
            "TD" => {
                self.gs.leading = -n(1);
                self.next_line(n(0), n(1));
            }
            "Tm" if args.len() == 6 => {
                self.tlm = Matrix::new([n(0), n(1), n(2), n(3), n(4), n(5)]);
                self.tm = self.tlm;
            }
            "T*" => self.next_line(0.0, -self.gs.leading),
            "Tj" => self.show_operand(args.first()),
            "'" => {
                self.next_line(0.0, -self.gs.leading);
                self.show_operand(args.first());
            }
            "\"" => {
                self.gs.word_spacing = n(0);
                self.gs.char_spacing = n(1);
                self.next_line(0.0, -self.gs.leading);
                self.show_operand(args.get(2));
            }
            "TJ" => {
                if let Some(Object::Array(items)) = args.first() {
                    for item in items {
                        match item {
                            Object::String(bytes, _) => self.show(bytes),
                            other => {
                                let adjust = num(other).unwrap_or(0.0);
                                let tx = -adjust / 1000.0 * self.gs.font_size * self.gs.h_scale;
                                self.tm = Matrix::translate(tx, 0.0).then(&self.tm);
                            }
                        }
                    }
                }
            }
            "Do" => {
                if let Some(name) = args.first().and_then(name_of) {
                    self.do_xobject(resources, name);
                }
            }
            _ => {}
        }
    }

    fn device(&self, x: f32, y: f32) -> (f32, f32) {
        self.gs.ctm.apply(x, y)
    }

    fn extend_path(&mut self, p: (f32, f32), straight: bool) {
        match self.path.last_mut() {
            Some(sp) => {
                sp.points.push(p);
                sp.straight.push(straight);
            }
            None => self.path.push(Subpath {
                points: vec![p],
                straight: vec![true],
            }),
        }
    }

    fn close_subpath(&mut self) {
        if let Some(sp) = self.path.last_mut() {
            if let Some(&first) = sp.points.first() {
                if sp.points.last() != Some(&first) {
                    sp.points.push(first);
                    sp.straight.push(true);
                }
            }
        }
    }

    fn next_line(&mut self, tx: f32, ty: f32) {
        self.tlm = Matrix::translate(tx, ty).then(&self.tlm);
        self.tm = self.tlm;
    }

    fn font(&self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<Arc<Font>> {
        let fonts = resources?
            .get(b"Font")
            .ok()
            .and_then(|o| dict_of(self.doc, o))?;
        let obj = fonts.get(name).ok()?;
        self.fonts.get(self.doc, obj)
    }

    fn do_xobject(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) {
        let doc = self.doc;
        let Some(xobjects) = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|o| dict_of(doc, o))
        else {
            return;
        };
        let Ok(obj) = xobjects.get(name) else { return };
        let id = match obj {
            Object::Reference(id) => Some(*id),
            _ => None,
        };
        let Object::Stream(stream) = deref(doc, obj) else {
            return;
        };
        if stream.dict.get(b"Subtype").ok().and_then(name_of) != Some(b"Form") {
            return; // images carry no text or rulings
        }
        if self.forms.len() >= MAX_FORM_DEPTH || id.is_some_and(|id| self.forms.contains(&id)) {
            return;
        }
        let Some((content, damage)) = content_bytes(doc, deref(doc, obj)) else {
            return;
        };
        if let Some(why) = damage {
            let form = String::from_utf8_lossy(name);
            self.out
                .damaged
                .get_or_insert(format!("form /{form}: {why}"));
        }
        let form_resources = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|o| dict_of(doc, o))
            .or(resources);
        let matrix = stream
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|o| numbers::<6>(doc, o))
            .map(Matrix::new)
            .unwrap_or(Matrix::IDENTITY);
        let saved = (
            self.gs.clone(),
            self.tm,
            self.tlm,
            std::mem::take(&mut self.path),
        );
        let (depth, unsaved) = (self.stack.len(), self.unsaved);
        self.gs.ctm = matrix.then(&self.gs.ctm);
        self.forms.push(id.unwrap_or((0, 0)));
        self.run(&content, form_resources);
        self.forms.pop();
        self.stack.truncate(depth);
        self.unsaved = unsaved;
        (self.gs, self.tm, self.tlm, self.path) = saved;
    }

    fn show_operand(&mut self, operand: Option<&Object>) {
        if let Some(Object::String(bytes, _)) = operand {
            self.show(bytes);
        }
    }

    fn show(&mut self, bytes: &[u8]) {
        let Some(font) = self.gs.font.clone() else {
            return;
        };
        let font_index = if self.gs.render_mode == 3 {
            0
        } else {
            self.font_index(&font)
        };
        let mut codes = std::mem::take(&mut self.codes);
        font.codes(bytes, &mut codes);
        let size_matrix = Matrix::new([
            self.gs.font_size * self.gs.h_scale,
            0.0,
            0.0,
            self.gs.font_size,
            0.0,
            self.gs.rise,
        ]);
        for code in &codes {
            let trm = size_matrix.then(&self.tm).then(&self.gs.ctm);
            let spacing = self.gs.char_spacing
                + if code.len == 1 && code.code == 32 {
                    self.gs.word_spacing
                } else {
                    0.0
                };
            if self.gs.render_mode != 3 {
                self.text.clear();
                font.text(self.doc, code, &mut self.text);
                let chars = self
                    .text
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .count();
                if chars > 0 {
                    // Vertical writing positions a glyph by its top centre:
                    // step back to where its horizontal box starts.
                    let (ox, oy) = match font.vertical {
                        Some((vy, _)) => (-code.width / 2.0, -vy),
                        None => (0.0, 0.0),
                    };
                    let (x, y) = trm.apply(ox, oy);
                    let (wx, wy) = trm.apply_vec(code.width, 0.0);
                    let width = wx.hypot(wy);
                    let (sx, sy) = trm.apply_vec(0.0, 1.0);
                    let size = sx.hypot(sy);
                    // Ligatures share their advance; the direction of text
                    // on the page decides which way the parts step.
                    let (dx, dy) = (wx / chars as f32, wy / chars as f32);
                    for (i, ch) in self
                        .text
                        .chars()
                        .filter(|c| !c.is_whitespace() && !c.is_control())
                        .enumerate()
                    {
                        self.out.glyphs.push(Glyph {
                            ch,
                            x: x + dx * i as f32,
                            y: y + dy * i as f32,
                            width: width / chars as f32,
                            size,
                            font: font_index,
                        });
                    }
                }
            }
            self.tm = match font.vertical {
                Some((_, w1y)) => {
                    Matrix::translate(0.0, w1y * self.gs.font_size + spacing).then(&self.tm)
                }
                None => Matrix::translate(
                    (code.width * self.gs.font_size + spacing) * self.gs.h_scale,
                    0.0,
                )
                .then(&self.tm),
            };
        }
        self.codes = codes;
    }

    fn font_index(&mut self, font: &Arc<Font>) -> u16 {
        let key = Arc::as_ptr(font);
        if let Some(&i) = self.out.font_index.get(&key) {
            return i;
        }
        let i = self.out.fonts.len() as u16;
        self.out.fonts.push(font.name.clone());
        self.out.font_index.insert(key, i);
        i
    }

    fn paint(&mut self, stroke: bool, fill: bool) {
        let path = std::mem::take(&mut self.path);
        let stroke = stroke && !self.gs.stroke_white;
        let fill = fill && !self.gs.fill_white;
        for sp in &path {
            if stroke {
                for (i, pair) in sp.points.windows(2).enumerate() {
                    if sp.straight[i + 1] {
                        self.stroke_segment(pair[0], pair[1]);
                    }
                }
            }
            if fill {
                self.fill_rule(sp);
            }
        }
    }

    fn stroke_segment(&mut self, (x0, y0): (f32, f32), (x1, y1): (f32, f32)) {
        let (dx, dy) = ((x1 - x0).abs(), (y1 - y0).abs());
        if dx.max(dy) < 0.5 {
            return;
        }
        // Only axis-parallel lines bound cells; allow a slight skew.
        if dy <= 0.5 || dy <= dx * 0.01 {
            let y = (y0 + y1) / 2.0;
            self.out.rulings.push(Ruling {
                x0: x0.min(x1),
                y0: y,
                x1: x0.max(x1),
                y1: y,
            });
        } else if dx <= 0.5 || dx <= dy * 0.01 {
            let x = (x0 + x1) / 2.0;
            self.out.rulings.push(Ruling {
                x0: x,
                y0: y0.min(y1),
                x1: x,
                y1: y0.max(y1),
            });
        }
    }

    /// A filled, thin polygon is a line along its long side. Its edges
    /// need not be axis-parallel: Xi'an's filings draw every border as a
    /// four-corner fill with one slanted corner edge.
    fn fill_rule(&mut self, sp: &Subpath) {
        if sp.points.len() < 3 || !sp.straight.iter().all(|&s| s) {
            return;
        }
        let axis_parallel = sp
            .points
            .windows(2)
            .all(|w| (w[0].0 - w[1].0).abs() < 0.01 || (w[0].1 - w[1].1).abs() < 0.01);
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for &(x, y) in &sp.points {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        let (w, h) = (x1 - x0, y1 - y0);
        if w.min(h) > MAX_RULE_THICKNESS || w.max(h) < 1.0 || w == h {
            return;
        }
        // A slanted thin shape is a rule only when clearly elongated.
        if !axis_parallel && w.max(h) < 4.0 * w.min(h) {
            return;
        }
        let rule = if w > h {
            let y = (y0 + y1) / 2.0;
            Ruling {
                x0,
                y0: y,
                x1,
                y1: y,
            }
        } else {
            let x = (x0 + x1) / 2.0;
            Ruling {
                x0: x,
                y0,
                x1: x,
                y1,
            }
        };
        self.out.rulings.push(rule);
    }
}

/// Gray 1, RGB 1 1 1 or CMYK 0 0 0 0; a pattern name is not white.
fn is_white(args: &[Object]) -> bool {
    let values: Vec<f32> = args.iter().filter_map(num).collect();
    if values.len() != args.len() {
        return false;
    }
    match values.len() {
        1 | 3 => values.iter().all(|&v| v >= 0.999),
        4 => values.iter().all(|&v| v <= 0.001),
        _ => false,
    }
}
