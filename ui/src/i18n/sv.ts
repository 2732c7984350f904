/**
 * Swedish texts: the default language. Plain words; every error says what to do.
 *
 * vue-i18n message syntax: `{name}` is a placeholder; avoid the characters `@`, `$` and `|`
 * in texts (they have meanings in that syntax).
 *
 * `en.ts` is typed with `Messages` below, so it must have exactly the same keys.
 */
export const sv = {
    app: {
        name: "Timbok",
        documentTitle: "{page} – Timbok",
        skipLink: "Gå direkt till innehållet",
        navLabel: "Huvudmeny",
        demoBanner: "Demoläge – inget skickas till Försäkringskassan",
        loading: "Hämtar uppgifter …",
        retry: "Försök igen",
    },
    nav: {
        household: "Hushåll",
        month: "Månad",
        timeReports: "Tidsredovisningar",
        invoice: "Räkning",
        overview: "Översikt",
        settings: "Inställningar",
    },
    comingSoon: {
        heading: "Kommer snart",
        lead: "Den här delen av Timbok är inte klar än.",
        month: "Här kommer du att föra in dina assistenters arbetspass dag för dag, kopiera en vecka eller förra månaden, fylla i från ett återkommande schema och se summor per typ av tid medan du skriver.",
        timeReports:
            "Här kommer du att låsa varje assistents tidsredovisning för månaden, låta assistenten och arbetsgivaren skriva under med BankID och skicka den till Försäkringskassan.",
        invoice:
            "Här kommer du att svara på räkningens frågor för ditt scenario, granska en sammanfattning och skicka räkningen. Du skriver under på Försäkringskassans egen sida.",
        overview:
            "Här kommer du att se vad som ska skickas och senast när, vad som redan är skickat och vad som inte gick igenom och varför.",
        settings:
            "Här kommer du att välja miljö (demo, test eller skarp), spara inloggningsuppgifter säkert, göra säkerhetskopior, skapa en supportrapport och byta språk.",
    },
    common: {
        yes: "Ja",
        no: "Nej",
        optional: "(frivilligt)",
        identityFormat: "ÅÅÅÅMMDD-NNNN",
        saving: "Sparar …",
    },
    household: {
        title: "Hushåll",
        intro: "Fyll i uppgifter om den som har assistansersättning, vem som skriver under och hur assistansen ordnas. Uppgifterna används i tidsredovisningarna och i räkningen till Försäkringskassan.",
        person: {
            heading: "Den som har assistansersättning",
            personnummer: "Personnummer",
            firstName: "Förnamn",
            lastName: "Efternamn",
            phone: "Telefonnummer",
            required: {
                personnummer: "Fyll i personnumret för den som har assistansersättning.",
                firstName: "Fyll i förnamnet för den som har assistansersättning.",
                lastName: "Fyll i efternamnet för den som har assistansersättning.",
            },
        },
        signerRole: {
            legend: "Vem skriver under?",
            description: "Den som skriver under tidsredovisningar och räkningar med BankID.",
            self: "Jag själv, den som har assistansersättning",
            vardnadshavare: "Vårdnadshavare",
            god_man: "God man",
            forvaltare: "Förvaltare",
            required: "Välj vem som skriver under.",
        },
        signer: {
            heading: {
                vardnadshavare: "Vårdnadshavarens uppgifter",
                god_man: "God mans uppgifter",
                forvaltare: "Förvaltarens uppgifter",
            },
            personnummer: "Personnummer",
            firstName: "Förnamn",
            lastName: "Efternamn",
            required: {
                personnummer: "Fyll i personnumret för den som skriver under.",
                firstName: "Fyll i förnamnet för den som skriver under.",
                lastName: "Fyll i efternamnet för den som skriver under.",
            },
        },
        employment: {
            legend: "Hur får du assistansen?",
            employer: "Jag är egen arbetsgivare för mina assistenter",
            buys: "Jag köper assistans från en anordnare",
            required: "Välj hur du får assistansen.",
        },
        provider: {
            heading: "Assistansanordnaren",
            name: "Anordnarens namn",
            organisationsnummer: "Organisationsnummer",
            organisationsnummerFormat: "10 siffror, NNNNNN-NNNN",
            required: {
                name: "Fyll i anordnarens namn.",
                organisationsnummer: "Fyll i anordnarens organisationsnummer.",
            },
        },
        grantedHours: {
            label: "Beviljade timmar per månad",
            description: "Antalet timmar i beslutet från Försäkringskassan, räknat per månad. Timbok varnar om en månad går över.",
        },
        scenario: {
            heading: "Ditt scenario",
            label: "Scenario",
            pending: "Svara på frågorna om vem som skriver under och hur du får assistansen, så visas ditt scenario här.",
            why: "Scenariot bestämmer vilka frågor räkningen till Försäkringskassan ställer.",
            A: "Du köper assistans från en anordnare och skriver under själv.",
            B: "Vårdnadshavaren köper assistans från en anordnare och skriver under.",
            C: "Ställföreträdaren (god man eller förvaltare) köper assistans från en anordnare och skriver under.",
            D: "Du är egen arbetsgivare för dina assistenter, får förskott och skriver under själv.",
            E: "Vårdnadshavaren är arbetsgivare för assistenterna, får förskott och skriver under.",
            F: "Ställföreträdaren (god man eller förvaltare) är arbetsgivare för assistenterna, får förskott och skriver under.",
        },
        save: "Spara uppgifterna",
        saved: "Uppgifterna om hushållet är sparade.",
        saveFailed: "Det gick inte att spara uppgifterna om hushållet",
        fieldErrorHint: "Rätta uppgiften som är markerad och spara igen. Det du har skrivit finns kvar.",
        keptHint: "Det du har skrivit finns kvar i formuläret.",
        loadFailed: "Det gick inte att hämta uppgifterna om hushållet",
    },
    assistants: {
        heading: "Assistenter",
        intro: "Lägg till de personliga assistenter som arbetar hos dig. Uppgifterna behövs för varje assistents tidsredovisning.",
        empty: "Du har inte lagt till några assistenter än.",
        caption: "Dina assistenter",
        columns: {
            name: "Namn",
            personnummer: "Nummer",
            kind: "Typ av nummer",
            employed: "Anställd av dig",
            actions: "Åtgärder",
        },
        kind: {
            personnummer: "Personnummer",
            samordningsnummer: "Samordningsnummer",
        },
        samordningsnummerNote:
            "En assistent som bara har samordningsnummer kan inte skriva under med BankID. Den assistentens tidsredovisning skrivs ut och skickas på papper (Försäkringskassans blankett 3059).",
        add: "Lägg till assistent",
        edit: "Ändra",
        editName: "Ändra {name}",
        delete: "Ta bort",
        deleteName: "Ta bort {name}",
        saved: "{name} är sparad.",
        deleted: "{name} är borttagen.",
        loadFailed: "Det gick inte att hämta assistenterna",
        deleteFailed: "Det gick inte att ta bort assistenten",
        confirmDelete: {
            heading: "Ta bort assistent?",
            text: "Vill du ta bort {name} från Timbok? Det går inte att ångra.",
            confirm: "Ja, ta bort",
            cancel: "Nej, behåll",
        },
        form: {
            addHeading: "Lägg till assistent",
            editHeading: "Ändra uppgifter för {name}",
            personnummer: "Personnummer eller samordningsnummer",
            firstName: "Förnamn",
            lastName: "Efternamn",
            phone: "Telefonnummer",
            employmentLegend: "Anställning",
            employed: "Anställd av den assistansberättigade",
            collectiveAgreement: "Kollektivavtal",
            save: "Spara assistent",
            cancel: "Avbryt",
            saveFailed: "Det gick inte att spara assistenten",
            required: {
                personnummer: "Fyll i assistentens personnummer eller samordningsnummer.",
                firstName: "Fyll i assistentens förnamn.",
                lastName: "Fyll i assistentens efternamn.",
            },
        },
    },
    validation: {
        errorListTitle: "Du behöver rätta följande:",
        maxLength: "Skriv högst {max} tecken.",
        identity: {
            empty: "Fyll i numret.",
            format: "Skriv numret med 10 eller 12 siffror, till exempel ÅÅÅÅMMDD-NNNN.",
            date: "Datumet i numret finns inte. Kontrollera år, månad och dag.",
            checksum: "Den sista siffran stämmer inte med de andra. Kontrollera att du har skrivit rätt nummer.",
            notPersonnummer: "Det här är ett samordningsnummer. Fyll i ett personnummer.",
        },
        organisationsnummer: {
            empty: "Fyll i organisationsnumret.",
            format: "Skriv organisationsnumret med 10 siffror, NNNNNN-NNNN.",
            checksum: "Den sista siffran stämmer inte med de andra. Kontrollera organisationsnumret.",
            type: "Det här är inte ett organisationsnummer: den tredje siffran ska vara 2 eller högre. Kontrollera numret.",
        },
        phone: "Skriv telefonnumret med siffror, till exempel 070-123 45 67.",
        grantedHours: "Skriv ett helt antal timmar mellan 1 och 744, eller lämna fältet tomt.",
    },
    backend: {
        /* Texts of the in-memory fake backend (src/backend/fake.ts). The real ones come from Rust. */
        required: "Fyll i {field}.",
        tooLong: "{field} får vara högst {max} tecken. Korta av texten.",
        signerMissing: "Fyll i uppgifterna om den som skriver under.",
        providerMissing: "Fyll i uppgifterna om assistansanordnaren.",
        duplicateAssistant: "Det finns redan en assistent med det numret. Ändra den assistenten i stället.",
        assistantNotFound: "Assistenten finns inte längre. Listan har uppdaterats.",
        assistantHasShifts: "Assistenten har arbetspass i Timbok och kan inte tas bort. Ta bort arbetspassen först.",
        fields: {
            personnummer: "personnumret",
            firstName: "förnamnet",
            lastName: "efternamnet",
            providerName: "anordnarens namn",
        },
    },
};

export type Messages = typeof sv;
