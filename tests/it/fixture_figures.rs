//! The headline figures of every shipped fixture, worked by hand from the
//! file's numbers with SPEC §2's formulas, and compared with what sroi computes.

use crate::common::{assert_close, results_of};

#[test]
fn youth_into_work_council_evaluation() {
    let (_, r) = results_of("fixtures/youth-into-work.yaml");
    // Share claimable after deadweight 25%, displacement 10%, attribution 30%:
    // 0.75 × 0.90 × 0.70 = 0.4725.
    // into-work: earnings net of the Universal Credit no longer received,
    //   £12,698.40 − £3,803.76 = £8,894.64 (the DWP's saving is counted once,
    //   in off-benefits); 38 × £8,894.64 = £337,996.32 gross; × 0.4725 =
    //   £159,703.2612; drop-off 20%: year 2 £127,762.60896, year 3 £102,210.087168.
    // off-benefits: 38 × £3,803.76 = £144,542.88; × 0.4725 = £68,296.5108; year 2 × 0.8.
    // training (schedule 24, 18, 12): £2,000 × 0.70 × 0.80 = £1,120 a person.
    // mentor-confidence: 40 × £1,200 × 0.80 × 0.90 = £34,560 in year 1.
    // filled-vacancies: employers are excluded, so nothing.
    let y1 = 159_703.261_2 + 68_296.510_8 + 24.0 * 1120.0 + 34_560.0; // 289,439.772
    let y2 = 127_762.608_96 + 54_637.208_64 + 18.0 * 1120.0; // 202,559.8176
    let y3 = 102_210.087_168 + 12.0 * 1120.0; // 115,650.087168
    assert_close(r.years[0].value, 289_439.772, "year 1");
    assert_close(r.years[1].value, 202_559.817_6, "year 2");
    assert_close(r.years[2].value, 115_650.087_168, "year 3");
    // 3.5%, end of year.
    let pv = y1 / 1.035 + y2 / 1.035_f64.powi(2) + y3 / 1.035_f64.powi(3);
    assert_close(pv, 573_053.463_348_104, "hand-worked present value");
    // £150,000 grant + 1,200 h × £12.21 mentoring + £6,000 rooms, all in year 0.
    let investment = 150_000.0 + 1200.0 * 12.21 + 6000.0;
    assert_close(r.present_value, pv, "present value");
    assert_close(r.investment, investment, "investment");
    assert_close(r.sroi_ratio, pv / investment, "ratio"); // 3.358 : 1
    assert_close(r.net_present_value, pv - investment, "NPV");
    assert_close(r.net_sroi_ratio, (pv - investment) / investment, "net ratio");
    // The Guide's payback: £170,652 / (£289,439.77 / 12) = 7.08 months.
    assert_close(
        r.guide_payback_months.expect("year 1 has value"),
        investment / (y1 / 12.0),
        "Guide payback",
    );
    // Payback: year 1's present value, £279,652.44, already exceeds the
    // investment, so 12 × 170,652 / 279,652.44 = 7.32 months.
    assert_close(r.payback_months.expect("paid back in year 1"), 12.0 * investment / (y1 / 1.035), "payback");
    assert_eq!(r.stakeholders[3].present_value, 0.0, "excluded employers");
}

#[test]
fn befriending_charity_forecast() {
    let (_, r) = results_of("fixtures/befriending-forecast.yaml");
    // less-lonely (schedule 30, 54, 60): £6,500 × 0.80 × 0.85 = £4,420 a person.
    // fewer-gp-visits: 54 × £84 × 0.70 × 0.60 = £1,905.12; drop-off 10%.
    // carers-respite: 25 × £1,500 × 0.90 × 0.80 = £27,000; drop-off 25%.
    // volunteer-wellbeing: 30 × £1,300 × 0.75 × 0.90 = £26,325, one year.
    // travel-emissions: 35 × −£45 = −£1,575 a year for three years (a harm).
    let y1 = 30.0 * 4420.0 + 1905.12 + 27_000.0 + 26_325.0 - 1575.0; // 186,255.12
    let y2 = 54.0 * 4420.0 + 1714.608 + 20_250.0 - 1575.0; // 259,069.608
    let y3 = 60.0 * 4420.0 + 1543.1472 - 1575.0; // 265,168.1472
    // Green Book rate is 3.5% in years 1-30; mid-year timing discounts year t
    // by 1.035^-(t-1) / 1.035^0.5.
    let mid = |t: i32| 1.0 / (1.035_f64.powi(t - 1) * 1.035_f64.sqrt());
    let pv = y1 * mid(1) + y2 * mid(2) + y3 * mid(3);
    assert_close(pv, 672_434.816_657_999, "hand-worked present value");
    // Grants of £45,000 (year 0), £46,500 (year 1) and £48,000 (year 2), and
    // 2,800 h × £12.21 of volunteer time; later years discounted like value.
    let investment = 45_000.0 + 46_500.0 * mid(1) + 48_000.0 * mid(2) + 2800.0 * 12.21;
    assert_close(r.present_value, pv, "present value");
    assert_close(r.investment, investment, "investment");
    assert_close(r.sroi_ratio, pv / investment, "ratio"); // 3.94 : 1
    assert_close(
        r.guide_payback_months.expect("year 1 has value"),
        investment / (y1 / 12.0),
        "Guide payback",
    );
    // Year 1's present value, £186,255.12 × 0.98295 = £183,078, exceeds the
    // investment (£170,480), so payback is within year 1: 11.17 months.
    assert!(y1 * mid(1) > investment);
    assert_close(
        r.payback_months.expect("paid back in year 1"),
        12.0 * investment / (y1 * mid(1)),
        "payback",
    );
    // The harm is kept, negative, in its stakeholder's value.
    assert!(r.stakeholders[4].present_value < 0.0);
}

#[test]
fn community_garden_with_volunteer_time_and_in_kind_inputs() {
    let (_, r) = results_of("fixtures/community-garden.yaml");
    // volunteer-wellbeing: 33 × £650 × 0.80 × 0.90 = £15,444; year 2 halves (drop-off 50%).
    // food-spend: 45 × £150 × 0.90 = £6,075 (displacement 10%).
    // less-isolated: 14 × £1,300 × 0.75 × 0.80 = £10,920.
    // qualification: from year 2, 6 × £900 × 0.85 × 0.75 = £3,442.50; drop-off 10%.
    // donor-goodwill: businesses are excluded.
    let y1 = 15_444.0 + 6075.0 + 10_920.0; // 32,439
    let y2 = 7722.0 + 3442.5; // 11,164.50
    let y3 = 3442.5 * 0.9; // 3,098.25
    let y4 = 3442.5 * 0.81; // 2,788.425
    let pv = y1 / 1.035 + y2 / 1.035_f64.powi(2) + y3 / 1.035_f64.powi(3) + y4 / 1.035_f64.powi(4);
    assert_close(pv, 46_988.604_481_354_3, "hand-worked present value");
    // 4,200 h × £12.21 + £3,500 land + £1,200 donations + £8,000 grant, and a
    // £2,500 polytunnel in year 1, discounted by 1/1.035.
    let investment = 4200.0 * 12.21 + 3500.0 + 1200.0 + 8000.0 + 2500.0 / 1.035;
    assert_close(r.present_value, pv, "present value");
    assert_close(r.investment, investment, "investment");
    // An honest result below 1:1: £0.71 of value for every £1.
    assert_close(r.sroi_ratio, pv / investment, "ratio");
    assert!(r.sroi_ratio < 1.0 && r.net_present_value < 0.0);
    // All years' present value falls short of the investment: never paid
    // back, although the Guide's formula gives 66,397 / (32,439 / 12) = 24.6 months.
    assert_eq!(r.payback_months, None, "never paid back");
    assert_close(
        r.guide_payback_months.expect("year 1 has value"),
        investment / (y1 / 12.0),
        "Guide payback",
    );
    assert_eq!(r.years.len(), 4, "the qualification starts in year 2 and lasts three years");
    assert_eq!(r.outcomes[3].values[0], 0.0, "nothing before the start year");
}

#[test]
fn proxies_are_rebased_to_the_analysis_price_year() {
    let (a, r) = results_of("tests/fixtures/valid/rebased.yaml");
    // value × index[2025] / index[proxy year]:
    // 1,000 × 110 / 80 = 1,375; 1,300 × 110 / 88 = 1,625; 500 stays 500.
    assert_close(a.outcomes[0].proxy.value, 1375.0, "2014 proxy");
    assert_close(a.outcomes[1].proxy.value, 1625.0, "2019 proxy");
    assert_close(a.outcomes[2].proxy.value, 500.0, "2025 proxy");
    assert_eq!(a.outcomes[0].proxy.written, Some((1000.0, 2014)));
    assert_eq!(a.outcomes[2].proxy.written, None);
    // 10 × 1,375 + 5 × 1,625 + 2 × 500 = 22,875 in year 1, discounted once at 3.5%.
    assert_close(r.present_value, 22_875.0 / 1.035, "present value");
    assert_close(r.sroi_ratio, 22_875.0 / 1.035 / 10_000.0, "ratio");
}

#[test]
fn library_proxies_by_id_from_sroi_a_file_and_the_analysis() {
    let (a, r) = results_of("tests/fixtures/valid/library.yaml");
    // wellby: £13,000 in 2019 prices, re-based 13,000 × 110 / 88 = £16,250;
    // 1.8 × 16,250 × 0.8 × 0.9 = £21,060. Its range moves with it: 12,500 to 20,000.
    assert_close(a.outcomes[0].proxy.value, 16_250.0, "re-based WELLBY");
    assert_eq!(a.outcomes[0].proxy.library.as_ref().map(|l| l.id.as_str()), Some("wellby"));
    assert_close(a.outcomes[0].ranges[0].low, 12_500.0, "range low");
    assert_close(a.outcomes[0].ranges[0].high, 20_000.0, "range high");
    // lunch-club-meal from the file: 1,440 × £6.50 × 0.7 = £6,552.
    // bus-fare from the analysis: 600 × £3 × 0.5 = £900.
    let year_1 = 21_060.0 + 6552.0 + 900.0;
    assert_close(r.present_value, year_1 / 1.035, "present value");
    assert_close(r.sroi_ratio, year_1 / 1.035 / 4000.0, "ratio"); // 6.89 : 1
}

/// `text` analysed through the library, without a file.
fn analysed(text: &str) -> Result<sroi::model::Analysis, String> {
    let source = sroi::source::SourceFile::new("inline.yaml", text);
    sroi::analyse(&source).map(|(a, _)| a).map_err(|d| sroi::diag::render_all(&d, &source, false))
}

const DEFLATED: &str = "sroi: 1
title: Deflated
price_year: 2024
stakeholders: [{ id: people, name: People, engagement: Interviews }]
inputs: [{ id: grant, description: Grant, amount: 10000 }]
outcomes:
  - { id: wellbeing, stakeholder: people, description: Wellbeing, quantity: 1, proxy: wellby }
";

#[test]
fn proxies_are_rebased_with_the_shipped_gdp_deflators_by_default() {
    // No `indices:`: the WELLBY's £13,000 in 2019 prices moves to 2024 prices
    // with HM Treasury's December 2025 deflators, 2024 = 100 and 2019 = 81.1085:
    // 13,000 × 100 / 81.1085 = £16,027.91.
    let a = analysed(DEFLATED).expect("valid");
    assert_close(a.outcomes[0].proxy.value, 13_000.0 * 100.0 / 81.1085, "re-based WELLBY");
    assert_eq!(a.outcomes[0].proxy.written, Some((13_000.0, 2019)));
    assert!(a.indices.is_empty(), "the file gave no indices of its own");
}

#[test]
fn the_files_own_indices_replace_the_shipped_deflators_whole() {
    // With `indices:` the file's series is used, and only it: 13,000 × 110 / 88.
    let own = DEFLATED.replace("price_year: 2024\n", "price_year: 2024\nindices: { 2019: 88, 2024: 110 }\n");
    let a = analysed(&own).expect("valid");
    assert_close(a.outcomes[0].proxy.value, 13_000.0 * 110.0 / 88.0, "own indices");
    // A year in neither is an error: the shipped series is not mixed in.
    let mixed = DEFLATED.replace("price_year: 2024\n", "price_year: 2024\nindices: { 2024: 110 }\n");
    let errors = analysed(&mixed).expect_err("2019 has no index in the file's series");
    assert!(errors.contains("no price index for 2019"), "{errors}");
}

#[test]
fn a_year_beyond_the_shipped_deflators_is_an_error_that_says_what_they_cover() {
    let late = DEFLATED.replace("price_year: 2024", "price_year: 2026");
    let errors = analysed(&late).expect_err("2026 is not in the December 2025 edition");
    assert!(errors.contains("no price index for 2026"), "{errors}");
    assert!(errors.contains("cover 1990–2024"), "{errors}");
}
