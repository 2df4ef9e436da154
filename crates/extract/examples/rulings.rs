//! Prints ruling counts per page, or with a page number the rulings themselves.
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap();
    let page: Option<u32> = args.next().map(|s| s.parse().unwrap());
    let doc = juesuan_extract::pdf::PdfDocument::open(&std::fs::read(path).unwrap()).unwrap();
    if let Some(n) = page {
        let p = doc.page(n).unwrap();
        for r in &p.rulings {
            println!("{:7.2} {:7.2} {:7.2} {:7.2}", r.x0, r.y0, r.x1, r.y1);
        }
        return;
    }
    for n in 1..=doc.page_count() {
        let p = doc.page(n).unwrap();
        let h = p.rulings.iter().filter(|r| r.is_horizontal()).count();
        print!("{n}:{}h{}v ", h, p.rulings.len() - h);
    }
    println!();
}
