//! Every sample filing end to end against its hand-checked golden record
//! (`tests/golden/`, copied from the project's shared goldens): every
//! table the golden lists is found, every cell it lists has the golden
//! value, no table the golden covers holds an extra amount, every
//! `must_fail` identity is reported `fail` and nothing else in a covered
//! table is. The rules are the scorer's (`../shared/eval/score.py`).

mod common;

fn check_sample(stem: &str, file: &str) {
    common::assert_golden(stem, file);
}

#[test]
fn wuhan_2019_text_dump() {
    check_sample(
        "wuhan-hongshan-digital-center-2019-final",
        "samples/text/wuhan-hongshan-digital-center-2019-final.txt",
    );
}

#[test]
fn foshan_2019_word_landscape_tables_over_pages() {
    check_sample(
        "guangdong-foshan-rail-transit-2019-final",
        "samples/pdf/guangdong-foshan-rail-transit-2019-final.pdf",
    );
}

#[test]
fn shanghai_2024_finance_bureau() {
    check_sample(
        "shanghai-putuo-finance-bureau-2024-final",
        "samples/pdf/shanghai-putuo-finance-bureau-2024-final.pdf",
    );
}

#[test]
fn shanghai_2024_social_work_department() {
    check_sample(
        "shanghai-putuo-social-work-dept-2024-final",
        "samples/pdf/shanghai-putuo-social-work-dept-2024-final.pdf",
    );
}

#[test]
fn shanghai_2024_blank_template_has_nine_empty_tables() {
    check_sample(
        "shanghai-template-2024-final",
        "samples/pdf/shanghai-template-2024-final.pdf",
    );
}

#[test]
fn xian_2022_national_format() {
    check_sample(
        "shaanxi-xian-health-commission-2022-final",
        "samples/pdf/shaanxi-xian-health-commission-2022-final.pdf",
    );
}

#[test]
fn central_2026_budget_petitions_bureau() {
    check_sample(
        "central-national-petitions-bureau-2026-budget",
        "samples/pdf/central-national-petitions-bureau-2026-budget.pdf",
    );
}
