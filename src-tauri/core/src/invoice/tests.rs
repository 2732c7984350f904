//! The invoice model: questions per scenario, what is required, follow-ups, what is not sent,
//! and the form of the checked invoice.

use chrono::NaiveDate;

use super::testing::*;
use super::*;
use crate::household::{Scenario, SignerRole};

fn fields(problems: &[FieldProblem]) -> Vec<&str> {
    problems.iter().map(|p| p.field.as_str()).collect()
}

/// The one problem of a check that must fail on exactly one field.
fn only_problem(scenario: Scenario, answers: &Answers) -> FieldProblem {
    let problems = check(scenario, answers).expect_err("refused");
    assert_eq!(problems.len(), 1, "{scenario:?}: {problems:?}");
    let problem = problems.into_iter().next().unwrap();
    assert!(
        problem.message.to_string().ends_with(['.', '?']),
        "{problem:?}"
    );
    problem
}

fn at(text: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
}

#[test]
fn questions_follow_the_seed_per_scenario() {
    use QuestionId::*;
    let head = [Month, Person, Totals, LssActivity, HospitalStay, OutsideEea];
    let with = |tail: &[QuestionId]| [&head[..], tail].concat();
    assert_eq!(
        questions(Scenario::A, false),
        with(&[PreviousPayment, Phone])
    );
    assert_eq!(
        questions(Scenario::A, true),
        with(&[PreviousPayment, Phone]),
        "A-C have no period questions"
    );
    for s in [Scenario::B, Scenario::C] {
        assert_eq!(questions(s, false), with(&[PreviousPayment, Phone, Signer]));
    }
    assert_eq!(
        questions(Scenario::D, false),
        with(&[Phone, LastMonthOfPeriod])
    );
    assert_eq!(
        questions(Scenario::D, true),
        with(&[
            Phone,
            LastMonthOfPeriod,
            Costs,
            Period,
            MoneyLeft,
            Repayment
        ])
    );
    for s in [Scenario::E, Scenario::F] {
        assert_eq!(
            questions(s, false),
            with(&[Phone, LastMonthOfPeriod, Signer])
        );
        assert_eq!(
            questions(s, true),
            with(&[
                Phone,
                LastMonthOfPeriod,
                Costs,
                Period,
                MoneyLeft,
                Repayment,
                Signer
            ])
        );
    }
}

#[test]
fn the_questions_name_the_person_when_someone_else_fills_in() {
    use crate::message::Key;
    for s in SCENARIOS {
        let texts = question_texts(s, " Ella ");
        let ids: Vec<QuestionId> = texts.iter().map(|(q, _)| *q).collect();
        // Every Ja/Nej question the scenario can ask has a text, nothing else has one.
        let yes_no: Vec<QuestionId> = questions(s, true)
            .into_iter()
            .filter(|q| q.text(s, "Ella").is_some())
            .collect();
        assert_eq!(ids, yes_no, "{s:?}");
        assert!(ids.contains(&QuestionId::HospitalStay), "{s:?}");
        assert!(!ids.contains(&QuestionId::Phone), "{s:?}");
        let hospital = &texts
            .iter()
            .find(|(q, _)| *q == QuestionId::HospitalStay)
            .unwrap()
            .1;
        let rendered = hospital.to_string();
        if answered_by_someone_else(s) {
            assert_eq!(hospital.key, Key::QuestionHospitalStayOf, "{s:?}");
            assert_eq!(rendered, "Har Ella vårdats på sjukhus den här månaden?");
        } else {
            assert_eq!(hospital.key, Key::QuestionHospitalStay, "{s:?}");
            assert_eq!(rendered, "Har du vårdats på sjukhus den här månaden?");
        }
    }
    assert!(answered_by_someone_else(Scenario::E));
    assert!(!answered_by_someone_else(Scenario::D));
    // The last month of the period names the person in E, asks "din" in D.
    let last = |s| {
        QuestionId::LastMonthOfPeriod
            .text(s, "Ella")
            .unwrap()
            .to_string()
    };
    assert!(last(Scenario::E).contains("för Ella"));
    assert!(last(Scenario::D).contains("din beviljandeperiod"));
    // No name to give: the "du" wording, never an empty name.
    assert_eq!(
        QuestionId::OutsideEea.text(Scenario::E, "  ").unwrap().key,
        Key::QuestionOutsideEea
    );
    assert_eq!(QuestionId::Phone.text(Scenario::E, "Ella"), None);
}

#[test]
fn question_ids_serialize_as_their_field() {
    for s in SCENARIOS {
        for q in questions(s, true) {
            assert_eq!(
                serde_json::to_value(q).unwrap(),
                serde_json::json!(q.field())
            );
            assert!(!q.label_sv(s).is_empty());
        }
    }
    assert!(!QuestionId::Month.is_typed());
    assert!(!QuestionId::Totals.is_typed());
    assert!(QuestionId::Phone.is_typed());
    assert!(QuestionId::Signer
        .label_sv(Scenario::E)
        .contains("vårdnadshavare"));
    assert!(QuestionId::Signer
        .label_sv(Scenario::F)
        .contains("förvaltare"));
}

#[test]
fn minimal_answers_are_accepted_in_every_scenario() {
    for s in SCENARIOS {
        let invoice = accepted(s, &minimal_answers(s));
        assert_eq!(invoice.scenario, s);
        assert_eq!(invoice.month, month());
        assert_eq!(invoice.totals, totals());
        assert_eq!(invoice.person, household(s).person);
        assert_eq!(
            invoice.phone,
            if matches!(s, Scenario::A | Scenario::D) {
                "070-174 06 10"
            } else {
                "070-174 06 11"
            }
        );
        assert!(invoice.answers.lss_kinds.is_empty());
        assert!(invoice.answers.hospital_stays.is_empty());
        assert!(!invoice.answers.outside_eea);
        match s {
            Scenario::A | Scenario::B | Scenario::C => assert_eq!(
                invoice.answers.by_scenario,
                ScenarioAnswers::Buys {
                    previous_payment: PreviousPayment::Used
                }
            ),
            _ => assert_eq!(
                invoice.answers.by_scenario,
                ScenarioAnswers::Advance { period_end: None }
            ),
        }
        match (s, &invoice.signer) {
            (Scenario::A | Scenario::D, InvoiceSigner::Person) => {}
            (
                Scenario::B | Scenario::E,
                InvoiceSigner::Representative {
                    role: SignerRole::Vardnadshavare,
                    personnummer,
                    name_in_print,
                },
            )
            | (
                Scenario::C,
                InvoiceSigner::Representative {
                    role: SignerRole::GodMan,
                    personnummer,
                    name_in_print,
                },
            )
            | (
                Scenario::F,
                InvoiceSigner::Representative {
                    role: SignerRole::Forvaltare,
                    personnummer,
                    name_in_print,
                },
            ) => {
                assert_eq!(personnummer.as_str(), crate::demo::GUARDIAN);
                assert_eq!(name_in_print, "Maria Demosson");
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn full_answers_are_accepted_and_checked_into_ore_and_times() {
    let invoice = accepted(Scenario::A, &full_answers(Scenario::A));
    assert_eq!(
        invoice.answers.lss_kinds,
        [LssKind::Skola, LssKind::DagligVerksamhet]
    );
    assert_eq!(
        invoice.answers.hospital_stays,
        [
            HospitalStay {
                from: at("2025-03-03T08:00"),
                to: at("2025-03-05T14:30")
            },
            HospitalStay {
                from: at("2025-03-29T22:00"),
                to: at("2025-03-31T00:00")
            },
        ]
    );
    assert!(invoice.answers.outside_eea);
    assert_eq!(
        invoice.answers.by_scenario,
        ScenarioAnswers::Buys {
            previous_payment: PreviousPayment::NotUsed {
                remaining: Ore(123_450)
            }
        }
    );

    let invoice = accepted(Scenario::E, &full_answers(Scenario::E));
    assert_eq!(
        invoice.answers.by_scenario,
        ScenarioAnswers::Advance {
            period_end: Some(PeriodEnd {
                costs: Costs {
                    wages: Ore(25_000_000),
                    overheads: Ore(300_000),
                    training: Ore(50_050),
                    work_environment: Ore(10_000),
                },
                period_from: NaiveDate::from_ymd_opt(2024, 10, 1).unwrap(),
                period_to: NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(),
                money_left: Some(Ore(99_900)),
                repayment: Repayment::DeductFromNextPayment,
            })
        }
    );
}

#[test]
fn nothing_answered_lists_every_question_in_order() {
    let expected: [(Scenario, &[&str]); 6] = [
        (
            Scenario::A,
            &[
                "lssActivity",
                "hospitalStay",
                "outsideEea",
                "previousPayment",
                "phone",
            ],
        ),
        (
            Scenario::B,
            &[
                "lssActivity",
                "hospitalStay",
                "outsideEea",
                "previousPayment",
                "phone",
                "signer.nameInPrint",
                "signer.personnummer",
            ],
        ),
        (
            Scenario::C,
            &[
                "lssActivity",
                "hospitalStay",
                "outsideEea",
                "previousPayment",
                "phone",
                "signer.role",
                "signer.nameInPrint",
                "signer.personnummer",
            ],
        ),
        (
            Scenario::D,
            &[
                "lssActivity",
                "hospitalStay",
                "outsideEea",
                "phone",
                "lastMonthOfPeriod",
            ],
        ),
        (
            Scenario::E,
            &[
                "lssActivity",
                "hospitalStay",
                "outsideEea",
                "phone",
                "lastMonthOfPeriod",
                "signer.nameInPrint",
                "signer.personnummer",
            ],
        ),
        (
            Scenario::F,
            &[
                "lssActivity",
                "hospitalStay",
                "outsideEea",
                "phone",
                "lastMonthOfPeriod",
                "signer.role",
                "signer.nameInPrint",
                "signer.personnummer",
            ],
        ),
    ];
    for (s, want) in expected {
        let problems = check(s, &Answers::default()).unwrap_err();
        assert_eq!(fields(&problems), want, "{s:?}");
        for p in &problems {
            assert!(!p.message.to_string().is_empty());
        }
    }
    // The last month of the period opens four more, before the signer.
    let answers = Answers {
        last_month_of_period: Some(true),
        ..Answers::default()
    };
    assert_eq!(
        fields(&check(Scenario::E, &answers).unwrap_err()),
        [
            "lssActivity",
            "hospitalStay",
            "outsideEea",
            "phone",
            "costs.wages",
            "costs.overheads",
            "costs.training",
            "costs.workEnvironment",
            "period.from",
            "period.to",
            "moneyLeft",
            "repayment",
            "signer.nameInPrint",
            "signer.personnummer",
        ]
    );
}

type Edit = fn(&mut Answers);

/// Each required answer of the scenario, left out, is refused on its own field.
fn required(s: Scenario) -> Vec<(&'static str, Edit)> {
    let mut list: Vec<(&'static str, Edit)> = vec![
        ("lssActivity", |a| a.lss_activity = None),
        ("hospitalStay", |a| a.hospital_stay = None),
        ("outsideEea", |a| a.outside_eea = None),
        ("phone", |a| a.phone = "  ".into()),
    ];
    if matches!(s, Scenario::A | Scenario::B | Scenario::C) {
        list.push(("previousPayment", |a| a.previous_payment_used = None));
    } else {
        list.extend::<[(&'static str, Edit); 9]>([
            ("lastMonthOfPeriod", |a| a.last_month_of_period = None),
            ("costs.wages", |a| a.costs.wages.clear()),
            ("costs.overheads", |a| a.costs.overheads.clear()),
            ("costs.training", |a| a.costs.training.clear()),
            ("costs.workEnvironment", |a| {
                a.costs.work_environment.clear()
            }),
            ("period.from", |a| a.period_from.clear()),
            ("period.to", |a| a.period_to.clear()),
            ("moneyLeft", |a| a.money_left = None),
            ("repayment", |a| a.repayment = None),
        ]);
    }
    if !matches!(s, Scenario::A | Scenario::D) {
        list.push(("signer.personnummer", |a| a.signer_personnummer.clear()));
        list.push(("signer.nameInPrint", |a| {
            a.signer_name_in_print = " ".into()
        }));
    }
    if matches!(s, Scenario::C | Scenario::F) {
        list.push(("signer.role", |a| a.signer_role = None));
    }
    list
}

#[test]
fn each_required_answer_left_out_is_refused_on_its_field() {
    for s in SCENARIOS {
        for (field, edit) in required(s) {
            let mut answers = full_answers(s);
            edit(&mut answers);
            assert_eq!(only_problem(s, &answers).field, field, "{s:?}");
        }
    }
}

#[test]
fn a_yes_requires_its_follow_up() {
    let cases: [(Scenario, &str, Edit); 6] = [
        (Scenario::A, "lssActivity.kinds", |a| a.lss_kinds.clear()),
        (Scenario::D, "hospitalStay.stays", |a| {
            a.hospital_stays.clear()
        }),
        (Scenario::B, "previousPayment.remaining", |a| {
            a.previous_payment_remaining.clear()
        }),
        (Scenario::F, "moneyLeft.amount", |a| {
            a.money_left_amount.clear()
        }),
        (Scenario::E, "moneyLeft.amount", |a| {
            a.money_left_amount = "0".into()
        }),
        (Scenario::E, "hospitalStay.stays[1].to", |a| {
            a.hospital_stays[1].to.clear()
        }),
    ];
    for (s, field, edit) in cases {
        let mut answers = full_answers(s);
        edit(&mut answers);
        assert_eq!(only_problem(s, &answers).field, field, "{s:?}");
    }
    // A remaining amount of 0 is an answer ("nothing left").
    let mut answers = full_answers(Scenario::C);
    answers.previous_payment_remaining = "0".into();
    assert!(check(Scenario::C, &answers).is_ok());
}

#[test]
fn answers_of_questions_not_asked_are_neither_checked_nor_sent() {
    // Scenario A with a D-F draft's answers (even nonsense) in it.
    let mut answers = minimal_answers(Scenario::A);
    answers.last_month_of_period = Some(true);
    answers.costs.wages = "abc".into();
    answers.period_from = "igår".into();
    answers.money_left = Some(true);
    answers.repayment = Some(Repayment::PayBack);
    answers.signer_personnummer = "123".into();
    answers.signer_role = Some(SignerRole::GodMan);
    // Follow-ups of a Nej.
    answers.lss_kinds = vec![LssKind::Skola];
    answers.hospital_stays = vec![StayInput {
        from: "trasigt".into(),
        to: String::new(),
    }];
    let invoice = accepted(Scenario::A, &answers);
    assert!(invoice.answers.lss_kinds.is_empty());
    assert!(invoice.answers.hospital_stays.is_empty());
    assert_eq!(invoice.signer, InvoiceSigner::Person);

    // Scenario D, not the last month: the period's answers and A-C's are ignored.
    let mut answers = minimal_answers(Scenario::D);
    answers.previous_payment_used = Some(false);
    answers.previous_payment_remaining = "-1".into();
    answers.costs.training = "1,234".into();
    answers.money_left = Some(true);
    let invoice = accepted(Scenario::D, &answers);
    assert_eq!(
        invoice.answers.by_scenario,
        ScenarioAnswers::Advance { period_end: None }
    );

    // Scenario B: the role answer is not asked (always vårdnadshavare); E the same.
    for s in [Scenario::B, Scenario::E] {
        let mut answers = minimal_answers(s);
        answers.signer_role = Some(SignerRole::Forvaltare);
        match accepted(s, &answers).signer {
            InvoiceSigner::Representative { role, .. } => {
                assert_eq!(role, SignerRole::Vardnadshavare)
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn the_month_must_have_ended() {
    let s = Scenario::A;
    let answers = minimal_answers(s);
    let h = household(s);
    let run = |today: NaiveDate| validate(s, &answers, &h, month(), totals(), today);
    let last_day = NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
    let problems = run(last_day).unwrap_err();
    assert_eq!(fields(&problems), ["month"]);
    assert_eq!(
        problems[0].message.to_string(),
        "Månaden är inte slut än. Räkningen för mars 2025 kan skickas från och med 1 apr 2025."
    );
    assert!(run(NaiveDate::from_ymd_opt(2025, 4, 1).unwrap()).is_ok());

    // Listed first, with the other problems.
    let empty = validate(s, &Answers::default(), &h, month(), totals(), last_day).unwrap_err();
    assert_eq!(fields(&empty)[..2], ["month", "lssActivity"]);
}

#[test]
fn hospital_stays_as_typed() {
    let s = Scenario::D;
    let with_stays = |stays: &[(&str, &str)]| {
        let mut answers = minimal_answers(s);
        answers.hospital_stay = Some(true);
        answers.hospital_stays = stays
            .iter()
            .map(|(from, to)| StayInput {
                from: (*from).into(),
                to: (*to).into(),
            })
            .collect();
        answers
    };
    // Accepted: inside, across either end of the month, around the spring's missing hour,
    // ending in the autumn's repeated hour, 24:00.
    for (from, to) in [
        ("2025-03-10T08:00", "2025-03-10T08:01"),
        ("2025-02-20T10:00", "2025-03-01T00:01"),
        ("2025-03-31T23:59", "2025-04-20T10:00"),
        ("2025-03-30T01:59", "2025-03-30T03:00"),
        ("2025-03-20T10:00", "2025-10-26T02:30"),
        (" 2025-03-01 00:00 ", "2025-03-01 24:00"),
        // Times as Månad reads them: "8" is 08:00, "8.30" and "1730" too.
        ("2025-03-10T8", "2025-03-10T1730"),
        ("2025-03-10 8.30", "2025-03-11 24"),
    ] {
        let invoice = accepted(s, &with_stays(&[(from, to)]));
        assert_eq!(invoice.answers.hospital_stays.len(), 1, "{from} {to}");
    }
    let invoice = accepted(s, &with_stays(&[("2025-03-10T8", "2025-03-10T1730")]));
    assert_eq!(
        invoice.answers.hospital_stays[0],
        HospitalStay {
            from: at("2025-03-10T08:00"),
            to: at("2025-03-10T17:30")
        }
    );
    let invoice = accepted(s, &with_stays(&[("2025-03-01 00:00", "2025-03-01 24:00")]));
    assert_eq!(
        invoice.answers.hospital_stays[0],
        HospitalStay {
            from: at("2025-03-01T00:00"),
            to: at("2025-03-02T00:00")
        }
    );

    let refused: [(&str, &str, &str, &str); 10] = [
        (
            "",
            "2025-03-02T10:00",
            "hospitalStay.stays[0].from",
            "Fyll i datum",
        ),
        (
            "2025-03-02T10:00",
            "",
            "hospitalStay.stays[0].to",
            "Fyll i datum",
        ),
        (
            "2025-3-2 10:00",
            "2025-03-03T10:00",
            "hospitalStay.stays[0].from",
            "ÅÅÅÅ-MM-DD och klockslaget",
        ),
        (
            "2025-03-02T10:00",
            "2025-03-03",
            "hospitalStay.stays[0].to",
            "ÅÅÅÅ-MM-DD och klockslaget",
        ),
        (
            "2025-02-30T8",
            "2025-03-03T10:00",
            "hospitalStay.stays[0].from",
            "Datumet finns inte",
        ),
        (
            "2025-03-02T10:00",
            "2025-03-03T25:00",
            "hospitalStay.stays[0].to",
            "Klockslaget ska vara",
        ),
        // 02:30 on 30 March 2025 does not exist in Stockholm (the clock jumps to 03:00).
        (
            "2025-03-30T02:30",
            "2025-03-31T10:00",
            "hospitalStay.stays[0].from",
            "ställdes fram",
        ),
        (
            "2025-03-05T10:00",
            "2025-03-05T10:00",
            "hospitalStay.stays[0].to",
            "sluta efter",
        ),
        (
            "2025-03-05T10:00",
            "2025-03-04T10:00",
            "hospitalStay.stays[0].to",
            "sluta efter",
        ),
        (
            "2025-02-01T10:00",
            "2025-03-01T00:00",
            "hospitalStay.stays[0]",
            "mars 2025",
        ),
    ];
    for (from, to, field, words) in refused {
        let p = only_problem(s, &with_stays(&[(from, to)]));
        assert_eq!(p.field, field, "{from} {to}");
        assert!(
            p.message.to_string().contains(words),
            "{from} {to}: {}",
            p.message
        );
    }
    let p = only_problem(s, &with_stays(&[("2025-04-01T00:00", "2025-04-02T00:00")]));
    assert_eq!(p.field, "hospitalStay.stays[0]");

    // Every bad stay is named by its index.
    let problems = check(
        s,
        &with_stays(&[
            ("2025-03-01T08:00", "2025-03-02T08:00"),
            ("x", "y"),
            ("2025-03-09T08:00", "2025-03-08T08:00"),
        ]),
    )
    .unwrap_err();
    assert_eq!(
        fields(&problems),
        [
            "hospitalStay.stays[1].from",
            "hospitalStay.stays[1].to",
            "hospitalStay.stays[2].to"
        ]
    );
}

#[test]
fn money_answers_are_parsed_with_a_message() {
    let mut answers = full_answers(Scenario::A);
    answers.previous_payment_remaining = "-5".into();
    let p = only_problem(Scenario::A, &answers);
    assert_eq!(p.field, "previousPayment.remaining");
    assert_eq!(p.message, MoneyError::Negative.message());

    let mut answers = full_answers(Scenario::F);
    answers.costs.training = "1,234".into();
    answers.costs.wages = "mycket".into();
    let problems = check(Scenario::F, &answers).unwrap_err();
    assert_eq!(fields(&problems), ["costs.wages", "costs.training"]);
    assert_eq!(problems[0].message, MoneyError::NotAnAmount.message());
    assert_eq!(problems[1].message, MoneyError::TooManyDecimals.message());

    let mut answers = full_answers(Scenario::D);
    answers.costs.wages = "0".into();
    answers.money_left_amount = "0,01".into();
    let invoice = accepted(Scenario::D, &answers);
    let ScenarioAnswers::Advance {
        period_end: Some(end),
    } = invoice.answers.by_scenario
    else {
        panic!("no period end");
    };
    assert_eq!(end.costs.wages, Ore(0));
    assert_eq!(end.money_left, Some(Ore(1)));
}

#[test]
fn the_period_ends_in_the_invoice_month() {
    let s = Scenario::D;
    let cases: [(&str, &str, &str); 5] = [
        ("2024-10-01", "2025-02-28", "period.to"),
        ("2024-10-01", "2025-04-01", "period.to"),
        ("2025-03-20", "2025-03-19", "period.to"),
        ("2025-02-30", "2025-03-31", "period.from"),
        ("2025-03-31", "31/3 2025", "period.to"),
    ];
    for (from, to, field) in cases {
        let mut answers = full_answers(s);
        answers.period_from = from.into();
        answers.period_to = to.into();
        assert_eq!(only_problem(s, &answers).field, field, "{from} {to}");
    }
    let mut answers = full_answers(s);
    answers.period_from = "2025-03-31".into();
    assert!(check(s, &answers).is_ok(), "a one-day period");
}

#[test]
fn an_impossible_date_does_not_exist_rather_than_being_misspelt() {
    let s = Scenario::D;
    let mut answers = full_answers(s);
    answers.period_from = "2024-11-31".into();
    let p = only_problem(s, &answers);
    assert_eq!(p.field, "period.from");
    assert_eq!(p.message.key, crate::message::Key::InvoiceNoSuchDate);
    assert!(p.message.to_string().contains("finns inte"));
    answers.period_from = "2024-11-3".into();
    assert_eq!(
        only_problem(s, &answers).message.key,
        crate::message::Key::InvoiceDateFormat
    );
}

#[test]
fn the_signer_is_checked() {
    // Not the person.
    let mut answers = minimal_answers(Scenario::B);
    answers.signer_personnummer = crate::demo::PERSON.into();
    let p = only_problem(Scenario::B, &answers);
    assert_eq!(p.field, "signer.personnummer");
    assert!(p.message.to_string().contains("den som skriver under"));
    // Valid.
    answers.signer_personnummer = "198403079985".into();
    let p = only_problem(Scenario::B, &answers);
    assert_eq!(p.field, "signer.personnummer");
    assert!(
        p.message.to_string().contains("kontrollsiffra"),
        "{}",
        p.message
    );
    // Ten digits with a dash, as typed, are stored as twelve.
    answers.signer_personnummer = "840307-9984".into();
    match accepted(Scenario::B, &answers).signer {
        InvoiceSigner::Representative { personnummer, .. } => {
            assert_eq!(personnummer.as_str(), "198403079984")
        }
        other => panic!("{other:?}"),
    }
    // C and F: god man or förvaltare, nothing else.
    for role in [SignerRole::Vardnadshavare, SignerRole::SelfSigner] {
        let mut answers = minimal_answers(Scenario::C);
        answers.signer_role = Some(role);
        assert_eq!(only_problem(Scenario::C, &answers).field, "signer.role");
    }
    let mut answers = minimal_answers(Scenario::F);
    answers.signer_name_in_print = "x".repeat(201);
    assert_eq!(
        only_problem(Scenario::F, &answers).field,
        "signer.nameInPrint"
    );
    answers.signer_name_in_print = "  Gustav God Man  ".into();
    match accepted(Scenario::F, &answers).signer {
        InvoiceSigner::Representative { name_in_print, .. } => {
            assert_eq!(name_in_print, "Gustav God Man")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_phone_number_is_checked() {
    for bad in [
        "12345",
        "070 123 45 67 ring efter 5",
        "070/1234567",
        &"1".repeat(31),
    ] {
        let mut answers = minimal_answers(Scenario::A);
        answers.phone = bad.into();
        assert_eq!(only_problem(Scenario::A, &answers).field, "phone", "{bad}");
    }
    let mut answers = minimal_answers(Scenario::A);
    answers.phone = " +46 (0)70-123 45 67 ".into();
    assert_eq!(accepted(Scenario::A, &answers).phone, "+46 (0)70-123 45 67");
}

#[test]
fn every_problem_at_once_in_question_order() {
    let mut answers = full_answers(Scenario::F);
    answers.lss_kinds.clear();
    answers.hospital_stays[0].from = "fel".into();
    answers.phone = "1".into();
    answers.costs.overheads = "-1".into();
    answers.period_to = "2025-04-30".into();
    answers.repayment = None;
    answers.signer_role = None;
    answers.signer_personnummer = "1".into();
    let h = household(Scenario::F);
    let problems = validate(
        Scenario::F,
        &answers,
        &h,
        month(),
        totals(),
        NaiveDate::from_ymd_opt(2025, 3, 15).unwrap(),
    )
    .unwrap_err();
    assert_eq!(
        fields(&problems),
        [
            "month",
            "lssActivity.kinds",
            "hospitalStay.stays[0].from",
            "phone",
            "costs.overheads",
            "period.to",
            "repayment",
            "signer.role",
            "signer.personnummer",
        ]
    );
}

#[test]
fn prefill_takes_signer_and_phone_from_the_household() {
    let a = prefill(&household(Scenario::E));
    assert_eq!(a.signer_role, Some(SignerRole::Vardnadshavare));
    assert_eq!(a.signer_personnummer, "19840307-9984");
    assert_eq!(a.signer_name_in_print, "Maria Demosson");
    assert_eq!(a.phone, "070-174 06 11");
    assert_eq!(a.lss_activity, None);
    assert_eq!(a.last_month_of_period, None);

    let a = prefill(&household(Scenario::D));
    assert_eq!(a.signer_role, Some(SignerRole::SelfSigner));
    assert_eq!(a.signer_personnummer, "");
    assert_eq!(a.signer_name_in_print, "");
    assert_eq!(a.phone, "070-174 06 10");

    // A signer without a phone: the person's.
    let mut h = household(Scenario::C);
    h.signer.as_mut().unwrap().phone = None;
    let a = prefill(&h);
    assert_eq!(a.signer_role, Some(SignerRole::GodMan));
    assert_eq!(a.phone, "070-174 06 10");
}

#[test]
fn answers_are_stored_as_camel_case_json_and_restored() {
    let answers = full_answers(Scenario::F);
    let json = serde_json::to_value(&answers).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut want = vec![
        "lssActivity",
        "lssKinds",
        "hospitalStay",
        "hospitalStays",
        "outsideEea",
        "previousPaymentUsed",
        "previousPaymentRemaining",
        "lastMonthOfPeriod",
        "costs",
        "periodFrom",
        "periodTo",
        "moneyLeft",
        "moneyLeftAmount",
        "repayment",
        "signerRole",
        "signerPersonnummer",
        "signerNameInPrint",
        "phone",
    ];
    let mut keys_sorted = keys.clone();
    keys_sorted.sort_unstable();
    want.sort_unstable();
    assert_eq!(keys_sorted, want);
    assert_eq!(
        json["lssKinds"],
        serde_json::json!(["skola", "dagligVerksamhet"])
    );
    assert_eq!(json["repayment"], "deductFromNextPayment");
    assert_eq!(json["signerRole"], "forvaltare");
    assert_eq!(
        json["costs"],
        serde_json::json!({"wages": "250 000", "overheads": "3 000,00", "training": "500,5", "workEnvironment": "100"})
    );
    assert_eq!(
        json["hospitalStays"][0],
        serde_json::json!({"from": "2025-03-03T08:00", "to": "2025-03-05T14:30"})
    );
    let back: Answers = serde_json::from_value(json).unwrap();
    assert_eq!(back, answers);

    // A half-filled draft, and one from a newer version with a field this one does not know.
    let half: Answers = serde_json::from_str(
        r#"{"lssActivity": true, "lssKinds": ["barnomsorg"], "costs": {"wages": "12"}, "newQuestion": 1}"#,
    )
    .unwrap();
    assert_eq!(half.lss_activity, Some(true));
    assert_eq!(half.lss_kinds, [LssKind::Barnomsorg]);
    assert_eq!(half.costs.wages, "12");
    assert_eq!(half.costs.training, "");
    assert_eq!(half.hospital_stay, None);
    assert_eq!(
        serde_json::from_str::<Answers>("{}").unwrap(),
        Answers::default()
    );
}

#[test]
fn debug_prints_no_personal_data() {
    let answers = full_answers(Scenario::E);
    let invoice = accepted(Scenario::E, &answers);
    for text in [format!("{answers:?}"), format!("{invoice:?}")] {
        for secret in [
            "Maria", "Elsa", "Demosson", "9984", "9988", "070-174", "174 06",
        ] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert!(text.contains("[redacted]"));
    }
}
