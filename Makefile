.PHONY: bench test

# Pages/s of the PDF layer against pdftotext -layout on samples/pdf.
bench:
	cargo bench -p juesuan-extract --bench pdf_layer

test:
	cargo test --workspace
