.PHONY: build test run score bench

build:
	cargo build --release

test:
	cargo test --workspace --release

run: build
	./target/release/juesuan extract samples/ > out.jsonl

# Score against the hand-checked goldens (needs ../shared).
score: run
	python3 ../shared/eval/score.py ../shared/golden out.jsonl

# Pages/s of the PDF layer against pdftotext -layout on samples/pdf.
bench:
	cargo bench -p juesuan-extract --bench pdf_layer
