.PHONY: build test run score bench bench-layer bench-pipeline bench-report bench-pair

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
bench-layer:
	cargo bench -p juesuan-extract --bench pdf_layer

# Whole pipeline: pages/s against pdftotext -layout, the --jobs 2 speed-up,
# peak RSS on the 171-page Xi'an filing (bench/pipeline.sh).
bench-pipeline:
	bench/pipeline.sh

# `juesuan report` on the Xi'an filing: CPU seconds and HTML size (bench/report.sh).
bench-report:
	bench/report.sh


# `juesuan compare`: pairing a synthetic harvest of 100,000 records made
# from real ones (checked against the answer), then building the pairs.
bench-pair:
	cargo bench -p juesuan-pair --bench pairing

bench: bench-layer bench-pipeline bench-report bench-pair
