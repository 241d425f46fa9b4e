//! Unit tests of every formula of SPEC §2, with hand-worked numbers.

use super::*;
use crate::model::*;

fn stakeholder(id: &str, excluded: bool) -> Stakeholder {
    Stakeholder { excluded: excluded.then(|| "not material".to_owned()), ..Stakeholder::new(id, id) }
}

fn outcome(quantity: f64, proxy: f64, duration: u32, drop_off: f64) -> Outcome {
    Outcome::new("o", 0, proxy, Profile::Constant { quantity, duration, drop_off })
}

fn input(amount: f64, year: u32) -> Input {
    Input::new("i", InputValue::Amount(amount), year)
}

fn analysis(outcomes: Vec<Outcome>, inputs: Vec<Input>, rate: f64) -> Analysis {
    let stakeholders = vec![stakeholder("a", false), stakeholder("b", true)];
    let mut analysis = Analysis::new("t", stakeholders, inputs, outcomes);
    analysis.settings.discount_rate = DiscountRate::Constant(rate);
    analysis
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn impact_applies_the_three_adjustments_multiplicatively() {
    // 100 × £50 = £5,000 gross; × 0.8 × 0.9 × 0.75 = £2,700.
    let mut o = outcome(100.0, 50.0, 1, 0.0);
    (o.deadweight, o.displacement, o.attribution) = (0.2, 0.1, 0.25);
    let r = compute(&analysis(vec![o], vec![input(1000.0, 0)], 0.0));
    assert!(close(r.outcomes[0].gross_value, 5000.0));
    assert!(close(r.outcomes[0].impact, 2700.0));
}

#[test]
fn drop_off_compounds_from_the_second_year() {
    // Impact £1,000, drop-off 20%: £1,000, £800, £640, then nothing.
    let r = compute(&analysis(vec![outcome(10.0, 100.0, 3, 0.2)], vec![input(100.0, 0)], 0.0));
    assert_eq!(r.outcomes[0].values.len(), 3);
    for (got, want) in r.outcomes[0].values.iter().zip([1000.0, 800.0, 640.0]) {
        assert!(close(*got, want), "{got} != {want}");
    }
    // At 0% the present value is the plain sum, £2,440, and the ratio 24.4.
    assert!(close(r.present_value, 2440.0));
    assert!(close(r.sroi_ratio, 24.4));
    assert!(close(r.net_sroi_ratio, 23.4));
}

#[test]
fn a_later_start_shifts_the_values() {
    // Starting in year 3 for 2 years: nothing in years 1-2, then £1,000, £1,000.
    let mut o = outcome(10.0, 100.0, 2, 0.0);
    o.start = 3;
    let r = compute(&analysis(vec![o], vec![input(100.0, 0)], 0.0));
    assert_eq!(r.outcomes[0].values, vec![0.0, 0.0, 1000.0, 1000.0]);
    assert_eq!(r.guide_payback_months, None, "no value in year 1, so no Guide payback period");
    // Cumulatively £1,000 in year 3 repays the £100 a tenth of the way in: 24 + 1.2 months.
    assert!(close(r.payback_months.expect("paid back in year 3"), 25.2));
}

#[test]
fn schedule_values_each_year_and_its_gross_is_the_first_year() {
    // Schedule [10, 6, 2] × £100 × (1 − 0.5 deadweight) = £500, £300, £100.
    let mut o = outcome(0.0, 100.0, 1, 0.0);
    o.profile = Profile::Schedule(vec![10.0, 6.0, 2.0]);
    o.deadweight = 0.5;
    let r = compute(&analysis(vec![o], vec![input(100.0, 0)], 0.0));
    assert_eq!(r.outcomes[0].values, vec![500.0, 300.0, 100.0]);
    assert!(close(r.outcomes[0].gross_value, 1000.0));
    assert!(close(r.outcomes[0].impact, 500.0));
}

#[test]
fn excluded_stakeholders_contribute_nothing() {
    let mut excluded = outcome(10.0, 100.0, 1, 0.0);
    excluded.stakeholder = 1;
    let r = compute(&analysis(vec![outcome(1.0, 100.0, 1, 0.0), excluded], vec![input(100.0, 0)], 0.0));
    assert!(close(r.present_value, 100.0));
    assert!(r.outcomes[1].excluded);
    assert_eq!(r.outcomes[1].present_value, 0.0);
    assert!(close(r.outcomes[1].impact, 1000.0), "its figures are still shown");
    assert_eq!(r.stakeholders[1].present_value, 0.0);
}

#[test]
fn present_value_discounts_each_year_and_inputs_by_their_year() {
    // £1,035 in year 1 and £1,071.225 in year 2 at 3.5% are each worth £1,000 today.
    let mut o = outcome(0.0, 1.0, 1, 0.0);
    o.profile = Profile::Schedule(vec![1035.0, 1071.225]);
    // An input of £1,035 spent in year 1 is worth £1,000 today; year 0 is not discounted.
    let r = compute(&analysis(vec![o], vec![input(1000.0, 0), input(1035.0, 1)], 0.035));
    assert!(close(r.present_value, 2000.0));
    assert!(close(r.investment, 2000.0));
    assert!(close(r.sroi_ratio, 1.0));
    assert!(close(r.net_present_value, 0.0));
    assert!(close(r.years[1].discount_factor, 1.0 / 1.071225));
}

#[test]
fn guide_payback_is_investment_over_monthly_first_year_value() {
    // £12,000 of value in year 1 is £1,000 a month; £6,000 is repaid in 6 months.
    let r = compute(&analysis(vec![outcome(12.0, 1000.0, 1, 0.0)], vec![input(6000.0, 0)], 0.035));
    assert!(close(r.guide_payback_months.expect("positive first year"), 6.0));
    // A harm in year 1 gives no payback period, by either definition.
    let r = compute(&analysis(vec![outcome(12.0, -1000.0, 1, 0.0)], vec![input(6000.0, 0)], 0.035));
    assert_eq!(r.guide_payback_months, None);
    assert_eq!(r.payback_months, None);
    assert!(r.sroi_ratio < 0.0);
}

#[test]
fn payback_of_a_constant_profile_counts_whole_years_then_the_month() {
    // £1,000 a year for 5 years at 0%; £2,500 invested: years 1-2 repay
    // £2,000, the remaining £500 is half of year 3: 24 + 6 = 30 months.
    // The Guide's formula says 2,500 / (1,000 / 12) = 30 months as well.
    let r = compute(&analysis(vec![outcome(10.0, 100.0, 5, 0.0)], vec![input(2500.0, 0)], 0.0));
    assert!(close(r.payback_months.expect("paid back"), 30.0));
    assert!(close(r.guide_payback_months.expect("year 1 value"), 30.0));
}

#[test]
fn payback_of_a_declining_profile_is_later_than_the_guides() {
    // £1,000 falling by half each year: £1,000, £500, £250 at 0%. £1,400
    // invested: year 1 repays £1,000, £400 of year 2's £500 is 4/5 of it:
    // 12 + 9.6 = 21.6 months. The Guide's formula gives 1,400 / (1,000 / 12)
    // = 16.8 months, as if year 1's value went on for ever.
    let r = compute(&analysis(vec![outcome(10.0, 100.0, 3, 0.5)], vec![input(1400.0, 0)], 0.0));
    assert!(close(r.payback_months.expect("paid back"), 21.6));
    assert!(close(r.guide_payback_months.expect("year 1 value"), 16.8));
}

#[test]
fn payback_is_none_when_all_years_fall_short() {
    // £1,000, £500, £250 is £1,750 in all; £2,000 is never repaid, though
    // the Guide's formula still gives 24 months.
    let r = compute(&analysis(vec![outcome(10.0, 100.0, 3, 0.5)], vec![input(2000.0, 0)], 0.0));
    assert_eq!(r.payback_months, None);
    assert!(close(r.guide_payback_months.expect("year 1 value"), 24.0));
}

#[test]
fn payback_with_inputs_in_later_years_uses_the_discounted_investment() {
    // At 10%, £1,100 a year for 3 years is worth £1,000, £909.09…, £826.45…
    // today. Inputs: £1,000 now and £1,210 in year 2, worth £1,000 today:
    // investment £2,000. Year 1 repays £1,000, and the remaining £1,000 is
    // 1,000 / 909.0909 = 1.1 of year 2: more than year 2, so year 3: the
    // £90.909… left is 0.11 of £826.446…: 24 + 12 × 0.11 = 25.32 months.
    let r =
        compute(&analysis(vec![outcome(11.0, 100.0, 3, 0.0)], vec![input(1000.0, 0), input(1210.0, 2)], 0.1));
    assert!(close(r.investment, 2000.0));
    assert!(close(r.payback_months.expect("paid back"), 25.32));
    // The Guide's formula: 2,000 / (1,100 / 12) = 21.818… months.
    assert!(close(r.guide_payback_months.expect("year 1 value"), 2000.0 * 12.0 / 1100.0));
}

#[test]
fn in_kind_time_is_hours_times_rate() {
    let mut time = input(0.0, 0);
    time.value = InputValue::Time { hours: 1200.0, rate: 12.21 };
    // 1,200 × £12.21 = £14,652.
    let r = compute(&analysis(vec![outcome(1.0, 1.0, 1, 0.0)], vec![time], 0.035));
    assert!(close(r.investment, 14_652.0));
}

#[test]
fn average_drop_off_counts_only_outcomes_it_acts_on() {
    // 20% over 3 years and 40% over 2 years average 30%; a one-year outcome's
    // 0% and an excluded group's 90% are left out.
    let mut excluded = outcome(1.0, 1.0, 4, 0.9);
    excluded.stakeholder = 1;
    let a = analysis(
        vec![outcome(1.0, 1.0, 3, 0.2), outcome(1.0, 1.0, 2, 0.4), outcome(1.0, 1.0, 1, 0.0), excluded],
        vec![input(1.0, 0)],
        0.0,
    );
    assert!(close(average_drop_off(&a).expect("two multi-year outcomes"), 0.3));
    let one_year = analysis(vec![outcome(1.0, 1.0, 1, 0.0)], vec![input(1.0, 0)], 0.0);
    assert_eq!(average_drop_off(&one_year), None);
}
