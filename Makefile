.PHONY: build test run score bench bench-pipeline

build:
	cargo build --release

test:
	cargo test --workspace --release

run: build
	./target/release/juesuan extract samples/ > out.jsonl

# Score against the hand-checked goldens (needs ../shared).
score: run
	python3 ../shared/eval/score.py ../shared/golden out.jsonl

# Whole pipeline: pages/s against pdftotext -layout, the --jobs 2 speed-up,
# peak RSS (bench/pipeline.sh). `bench` also runs any other bench target
# declared with its own `bench:` rule.
bench-pipeline:
	bench/pipeline.sh

bench: bench-pipeline
