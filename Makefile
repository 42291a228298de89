# mapsurvey: the commands a developer and CI use. `make help` lists them.

GO        ?= go
BIN       := bin/mapsurvey
SAMPLE    := testdata/sample/replies-7896-20.xlsx
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
# A count of inputs, not a duration: Go 1.26's fuzzer can end a timed run with a spurious
# "context deadline exceeded" and no failing input (go.dev/issue/75804, fixed in Go 1.27).
FUZZTIME  ?= 5000x

.PHONY: help build demo test test-short lint fuzz bench sample update-golden docs release ci clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

build: ## build bin/mapsurvey
	$(GO) build -o $(BIN) ./cmd/mapsurvey

demo: build ## analyse the bundled sample (the replies behind Council note 7896/20)
	./$(BIN) analyse $(SAMPLE)

test: ## run every test: unit, golden, end-to-end scripts, million-row and LibreOffice checks
	@command -v soffice >/dev/null || echo "note: LibreOffice (soffice) is not on PATH: the tests that open outputs in it skip (MAPSURVEY_REQUIRE_TOOLS=1 makes that a failure, as in CI)"
	@command -v pdftotext >/dev/null || echo "note: pdftotext (poppler-utils) is not on PATH: the Word document's check in LibreOffice Writer skips"
	@[ -f /usr/share/bash-completion/bash_completion ] || echo "note: the bash-completion package is not installed: the completion test in a real bash skips"
	$(GO) test -count=1 ./...

test-short: ## the fast loop while editing: every test but the million-row and LibreOffice ones
	$(GO) test -short ./...

lint: ## gofmt, go vet and staticcheck must be clean
	@out=$$(gofmt -l cmd pkg .ci); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./... ./.ci/onechart ./.ci/floor ./.ci/release
	GOOS=windows $(GO) vet ./pkg/...
	$(GO) run $(STATICCHECK) ./... ./.ci/onechart ./.ci/floor ./.ci/release

fuzz: ## run each fuzz target on FUZZTIME inputs (default 5000x)
	$(GO) test -run=NONE -fuzz=^FuzzCSV$$ -fuzztime=$(FUZZTIME) ./pkg/sheet
	$(GO) test -run=NONE -fuzz=FuzzCSVReader -fuzztime=$(FUZZTIME) ./pkg/sheet
	$(GO) test -run=NONE -fuzz=FuzzWorkbook -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s ./pkg/sheet
	$(GO) test -run=NONE -fuzz=FuzzODS -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s ./pkg/sheet
	$(GO) test -run=NONE -fuzz=FuzzDocx -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s ./pkg/sheet
	$(GO) test -run=NONE -fuzz=FuzzTidyXML -fuzztime=$(FUZZTIME) ./pkg/sheet
	$(GO) test -run=NONE -fuzz=FuzzFastWorkbook -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s ./pkg/xlsxstream
	$(GO) test -run=NONE -fuzz=FuzzFastSheetXML -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s ./pkg/xlsxstream
	$(GO) test -run=NONE -fuzz=FuzzCompressedSharedStrings -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s ./pkg/xlsxstream
	$(GO) test -run=NONE -fuzz=FuzzMatch -fuzztime=$(FUZZTIME) ./pkg/survey
	$(GO) test -run=NONE -fuzz=FuzzParse -fuzztime=$(FUZZTIME) ./pkg/surveyfile
	$(GO) test -run=NONE -fuzz=FuzzDetect -fuzztime=$(FUZZTIME) ./pkg/layout
	$(GO) test -run=NONE -fuzz=FuzzDraftSchema -fuzztime=$(FUZZTIME) ./pkg/replies
	$(GO) test -run=NONE -fuzz=FuzzRead -fuzztime=$(FUZZTIME) ./pkg/records

bench: build ## run the benchmarks and the side-by-side comparisons (figures in docs/performance.md)
	$(GO) test -run=NONE -bench=. -benchmem ./...
	./.ci/bench

sample: ## rebuild the bundled sample workbook from its CSV source
	MAPSURVEY_UPDATE=1 $(GO) test -count=1 ./pkg/workbook -run TestSampleWorkbook

# MAPSURVEY_UPDATE=1 is the one switch: pkg/internal/golden lists every file it rewrites.
update-golden: ## rewrite every golden file (scripts, sample workbook, command reference, fuzz seeds); review with git diff
	MAPSURVEY_UPDATE=1 $(GO) test -count=1 ./pkg/cli ./pkg/workbook ./pkg/internal/docs ./pkg/xlsxstream \
		-run 'TestScripts|TestSampleWorkbook|TestReferenceIsCurrent|TestWriteFuzzSeeds'

docs: ## rewrite the command reference, docs/reference/, from the command tree
	$(GO) run ./pkg/internal/docs/gendocs docs/reference

release: ## build every system's archive into dist/, with SHA256SUMS (reproducible; docs/install.md)
	$(GO) run ./.ci/release -dist dist

ci: test lint ## what .ci/run runs
	$(MAKE) fuzz

clean: ## remove build output
	rm -rf bin dist
