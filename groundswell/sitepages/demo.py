"""The demo site's own pages, name, logo and colours: a fictional community health network.

`load_site_pages(admin=...)` writes them through the services (so each page has a first version in
its history, credited to the demo administrator). Running it again changes nothing that is already
there. Every name, address, phone number and registration number here is made up; the phone
number is from Ofcom's range kept for drama.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile

from groundswell.sitepages import services
from groundswell.sitepages.models import PageSlug, SiteIdentity

NAME = "Riverside Community Health Network"
TAGLINE = "Sharing what helps with health, in Riverside and around it"
BRAND = "#176b87"  # white text on it: 6.0:1
BRAND_DARK = "#0e4a60"  # white text on it, and it on white: 9.7:1
LOGO = Path(settings.BASE_DIR) / "static" / "img" / "demo-logo.svg"

ABOUT = """\
Riverside Community Health Network is a place for people in Riverside and the villages around it
to share what living with a health condition is really like, and what has helped.

We believe health is made in communities as much as in clinics. A story about getting a diagnosis,
a tip about which bus reaches the hospital on time, a walking group that welcomes people who are
slow: these help other people, and they help services understand what needs to change.

## What you can do here

- **Read** stories, ideas and resources shared by people in the area. You don't need an account.
- **Share** your own experience, as yourself, under a pseudonym or anonymously. You choose who can
  read it, and you can withdraw it at any time.
- **Find** groups, services and organisations near you, and follow the topics and places you
  care about.
- **Work together** on ideas and guides with other members and local organisations.

## Who runs it

The network is run by Riverside Community Health Network CIC, a small community interest company
(a not-for-profit business that must use what it earns for the community). Our board includes
people who live with long-term conditions, carers, a local GP and a voluntary sector worker.

We are funded by grants from the Riverside Community Foundation and the local integrated care
board. Our funders cannot see who you are or what you share unless you choose to make it public,
and they have no say over what members write.

## What we are not

We are not a medical service. Nothing here replaces advice from your GP, pharmacist, NHS 111 or
the emergency services. If you need help now, the [contact page](/pages/contact/) lists who to call.

## How we look after the community

Volunteer moderators, trained by us, check reports and follow our
[community guidelines](/pages/guidelines/). Our [privacy notice](/pages/privacy/) explains what we
keep about you and why.
"""

GUIDELINES = """\
These guidelines keep Riverside Community Health Network a place where people feel safe sharing
things that matter to them. They apply to everything on the site: stories, ideas, resources,
comments, messages and profiles.

If a moderator hides something you wrote, they will tell you which guideline it broke (for example,
"guideline 3"), and you can appeal once.

## 1. Be kind

Everyone here is dealing with something. Disagree with ideas, not people. No name-calling,
mocking, or comments about how someone looks, writes or copes.

## 2. Respect other people's privacy

Your story is yours to tell; other people's are not. Don't name or identify anyone else, including
staff, family members or other patients, without their permission. Never share someone's health
information, address, phone number or photo. This includes screenshots of private messages.

## 3. Share experience, not medical instructions

Say what worked for you and what didn't. Don't tell anyone to start, stop or change a treatment or
medicine, and don't promote cures, supplements or tests as if they were proven. If a post
could lead someone to harm their health, we will hide it.

## 4. No hate, harassment or threats

Nothing that attacks people for their race, ethnicity, religion, disability, health condition,
sex, gender identity, sexual orientation, age or any other part of who they are. No threats, no
following someone around the site, and no repeated unwanted messages.

## 5. Talk about suicide and self-harm safely

You can talk about dark times here. Please don't describe methods or amounts, or share images of
injuries. If you write about wanting to end your life, we won't remove you: a moderator may check
you're safe and point you to support. If someone is in danger right now, call 999.

## 6. Be honest about who you are

Don't pretend to be someone else, or to be a health professional if you are not. Professionals
who want a verified badge can ask us for one.

## 7. No selling or advertising

Local services, groups and charities are welcome to share what they offer, free or paid, as long
as it's relevant and honest. No spam, no affiliate links, no pressure selling, and no asking
members for money.

## 8. Keep within the law

Don't share anything illegal, anything you don't have the right to share (such as someone else's
photos or writing), or anything that could prejudice a court case.

## If you see something that breaks these guidelines

Use the "Report" link beside it. Reports are confidential: the person you report is not told who
you are. Moderators look at reports every day, usually within 24 hours.

## What moderators can do

Moderators can hide a post, hold it for review, or close a report with no action. For serious or
repeated breaches an administrator can suspend an account. Moderators don't edit what you wrote.
"""

PRIVACY = """\
This notice explains what Riverside Community Health Network keeps about you, why, who can see it,
how long we keep it, and your rights. We have tried to write it plainly; if anything is unclear,
[ask us](mailto:privacy@riverside-health.example).

## Who we are

Riverside Community Health Network CIC is the **controller** of your personal data: we decide how
it is used and we are responsible for it.

- Address: 12 Wharf Street, Riverside RV1 2AB
- Email: privacy@riverside-health.example
- Our data protection lead is Sam Okafor, who you can reach at the same email address.
- We are registered with the Information Commissioner's Office (ICO) under number ZA000000.

## What we keep

| What | Examples |
|---|---|
| Your account | email address, display name, password (stored scrambled so nobody can read it), when you joined |
| Your profile | anything you choose to add, such as pronouns, "about you", your area and topics. You decide who sees each part. |
| What you share | stories, ideas, resources, comments and reactions, including earlier versions of a story you edited |
| Your consent records | what you agreed to when you shared a story, the exact words, and when |
| Reports and appeals | reports you make, and what you write if you appeal a moderator's decision |
| Security information | two-step sign-in settings, the times you signed in, and your internet (IP) address in our security records |

We do not use advertising or tracking cookies, and we never sell your data.

## Health information and your explicit consent

What you share about your health is **special category data**, which the law protects more
strongly. We only publish it with your **explicit consent** (UK GDPR article 9(2)(a)). When you
share a story we ask you to confirm, in plain words, who can read it and how you will be shown
(by name, by a pseudonym, or anonymously), and we keep a record of that consent.

You can withdraw your consent at any time by withdrawing the story. It disappears from the site at
once. Withdrawing does not affect anything we did with your consent before you withdrew it.

Sharing is always your choice. Using the site, or getting any service from us or our partners,
never depends on sharing your health information.

## Why we use your information, and our lawful bases

| Purpose | Lawful basis |
|---|---|
| Running your account and the site | our agreement with you, set out in the [terms of use](/pages/terms/) (article 6(1)(b)) |
| Publishing your stories, comments and reactions | your consent (article 6(1)(a)) and, for health information, your explicit consent (article 9(2)(a)) |
| Moderation and keeping people safe | our legitimate interest in a safe community (article 6(1)(f)); for health information, substantial public interest (article 9(2)(g)) under the Data Protection Act 2018, schedule 1, paragraph 18 (safeguarding) |
| Security, such as preventing misuse and keeping records of sensitive actions | our legitimate interest in keeping the site and your account secure (article 6(1)(f)) |
| Emails you asked for, such as notifications and summaries | our agreement with you (article 6(1)(b)); you can turn them off in your settings |

## Safeguarding

If something you write suggests you or someone else may be at risk of serious harm, a trained
moderator will see it and may contact you to offer support. In rare cases, where someone's life or
safety is at risk, we may share information with the emergency services without asking first.
We will only share what is needed, and we will tell you if we can.

## Who can see your information

- **Anyone** can read stories shared with "everyone", and any part of your profile you make
  public.
- **Signed-in members** can also read stories shared with "members only".
- **Moderators** can see reported and hidden posts. If a post is anonymous or uses a pseudonym, a
  moderator can only see who wrote it by pressing a button that records their name, the post and
  the time. We check these records regularly.
- **Our suppliers** store and send information for us, under contracts that only let them act on
  our instructions: our hosting provider (servers in the UK) and our email provider.

We never pass your information to your GP, the NHS, the council or any other organisation unless
you ask us to, or the law or a safeguarding emergency requires it.

## How long we keep it

- Your account, and what you have published, until you delete them.
- Drafts you haven't touched for 6 months are deleted.
- A withdrawn story's text, image and earlier versions are deleted after 30 days. We keep the
  record of your consent and its withdrawal, as evidence of what you agreed.
- Accounts whose email address was never confirmed are deleted after 14 days.
- Copies of your data you download are deleted as soon as you download them, or after 1 hour.
- Records of sensitive staff actions (the audit log) are kept for 6 years.
- Backups are kept for 30 days and then overwritten.

## Your rights

You have the right to:

- **get a copy** of your information: use "Download my data" in your account, or ask us
- **correct** it: edit your profile and stories, or ask us
- **delete** it: use "Delete my account". You choose whether your published stories are deleted
  too or kept without your name
- **withdraw your consent** to a story: withdraw it
- **object** to how we use it, or ask us to **restrict** its use
- **move** it to another service: the download is in common formats (JSON and CSV)

We will reply within one month. It is free.

## Cookies

We only use cookies the site needs to work: one keeps you signed in, one protects forms from
misuse, and one carries short messages between pages. There are no analytics or advertising
cookies, so we don't ask you to accept any.

## Contact us

Email privacy@riverside-health.example, or write to Data protection lead, Riverside Community
Health Network CIC, 12 Wharf Street, Riverside RV1 2AB.

## Complaints

If you are unhappy with how we have used your information, please tell us first and we will try
to put it right. You can also complain to the Information Commissioner's Office: visit
[ico.org.uk/make-a-complaint](https://ico.org.uk/make-a-complaint/) or call 0303 123 1113.

## Changes to this notice

If we change this notice in a way that matters, we will email every member before the change
takes effect. The date it was last updated is at the top of this page.
"""

TERMS = """\
These terms are the agreement between you and Riverside Community Health Network CIC when you
use this site. They are short on purpose.

## 1. Who can join

You must be 16 or older to create an account. One account per person, please.

## 2. What you share stays yours

You own what you write. By sharing it, you let us show it to the people you chose, for as long as
you keep it on the site. You can withdraw a story or delete your account at any time.

## 3. Follow the community guidelines

Everything you share must follow our [community guidelines](/pages/guidelines/). Moderators may
hide posts that break them, and we may suspend accounts for serious or repeated breaches. You can
appeal a moderator's decision once.

## 4. This is not medical advice

What members share is their own experience. It is not medical advice and may not be right for
you. Always talk to a health professional before changing a treatment. In an emergency call 999.

## 5. Keep your account safe

Use a password you don't use anywhere else, and don't let anyone else use your account. Tell us
straight away if you think someone has.

## 6. Our responsibility

We work hard to keep the site running and safe, but we can't promise it will always be available
or free of mistakes. We are not responsible for what members write, although we act on reports.
Nothing in these terms limits your rights under consumer law.

## 7. Changes

If we change these terms, we will email every member before the change takes effect. These terms
are governed by the law of England and Wales.

Questions? [Contact us](/pages/contact/).
"""

ACCESSIBILITY = """\
This accessibility statement applies to the Riverside Community Health Network website.

This website is run by Riverside Community Health Network CIC. We want as many people as possible
to be able to use it. For example, that means you should be able to:

- change colours, contrast levels and fonts using browser or device settings
- zoom in up to 400% without the text spilling off the screen
- navigate the whole website using just a keyboard or speech recognition software
- listen to the website using a screen reader (including the most recent versions of JAWS, NVDA
  and VoiceOver)
- use the website without JavaScript

We've also made the website text as simple as possible to understand.

[AbilityNet](https://mcmw.abilitynet.org.uk/) has advice on making your device easier to use if
you have a disability.

## How accessible this website is

We know some parts of this website are not fully accessible:

- some images shared by members before March 2026 have no text description
- some documents linked from members' resources are PDFs that are not fully accessible to screen
  reader software
- members' stories may use words or abbreviations that are hard to understand

## Feedback and contact information

If you need information on this website in a different format, like accessible PDF, large print,
easy read, audio recording or braille:

- email hello@riverside-health.example
- call 0113 496 0123 (Monday to Friday, 10am to 4pm)

We'll consider your request and get back to you within 5 working days.

## Reporting accessibility problems with this website

We're always looking to improve the accessibility of this website. If you find any problems not
listed on this page or think we're not meeting accessibility requirements, email
hello@riverside-health.example.

## Enforcement procedure

The Equality and Human Rights Commission (EHRC) is responsible for enforcing the accessibility
regulations. If you're not happy with how we respond to your complaint, contact the
[Equality Advisory and Support Service (EASS)](https://www.equalityadvisoryservice.com/).

## Technical information about this website's accessibility

Riverside Community Health Network CIC is committed to making its website accessible. We are not a
public sector body, but because we work with NHS and council services we follow the Public Sector
Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.

### Compliance status

This website is partially compliant with the
[Web Content Accessibility Guidelines version 2.2](https://www.w3.org/TR/WCAG22/) AA standard, due
to the non-compliances listed below.

## Non-accessible content

The content listed below is non-accessible for the following reasons.

### Non-compliance with the accessibility regulations

Some older images shared by members do not have a text alternative, so people using a screen
reader cannot access the information. This fails WCAG 2.2 success criterion 1.1.1 (non-text
content). Since March 2026 every new image must have a description. We are asking members to add
descriptions to older images, and we will hide images that still have none by December 2026.

### Content that's not within the scope of the accessibility regulations

Some PDFs and documents linked from members' resources were made by other organisations. We can't
fix them, but we ask members to link to accessible versions where they exist.

## What we're doing to improve accessibility

We test new features with disabled members before they go live, and we run automated checks on
every page each time the site changes.

## Preparation of this accessibility statement

This statement was prepared on 2 March 2026. It was last reviewed on 2 March 2026.

This website was last tested on 24 February 2026 against the WCAG 2.2 AA standard. The test was
carried out by our own team with two disabled volunteer testers, using automated tools and manual
checks with NVDA, VoiceOver and keyboard only, on the home page, search, sign-up, a story and the
share form.
"""

CONTACT = """\
We're a small team and we read everything. We usually reply within 2 working days.

## If you need help now

We are not an emergency service and we can't give medical advice.

- If someone's life is at risk, call **999**.
- For urgent medical help that's not an emergency, call **NHS 111** or visit
  [111.nhs.uk](https://111.nhs.uk/).
- If you need to talk to someone, **Samaritans** are there day and night: call **116 123** (free).
- If you'd rather not talk, text **SHOUT** to **85258**.

## Get in touch with us

- Email: hello@riverside-health.example
- Phone: 0113 496 0123 (Monday to Friday, 10am to 4pm; we can call you back)
- Post: Riverside Community Health Network CIC, 12 Wharf Street, Riverside RV1 2AB

You can also drop in to our community room at the Wharf Street Centre on Wednesdays, 1pm to 3pm.
It's step-free, with a hearing loop and an accessible toilet.

## Reporting something on the site

Please use the "Report" link beside the story, comment, message or profile. It reaches the
moderators fastest, and the person you report is not told who you are.

## Your personal data

For questions about your data, or to use your rights, email privacy@riverside-health.example. Our
[privacy notice](/pages/privacy/) explains more.

## Press and partners

Organisations that would like to work with us, or journalists, can email
partners@riverside-health.example.
"""

PAGES: dict[str, tuple[str, str]] = {
    PageSlug.ABOUT: ("About us", ABOUT),
    PageSlug.GUIDELINES: ("Community guidelines", GUIDELINES),
    PageSlug.PRIVACY: ("Privacy notice", PRIVACY),
    PageSlug.TERMS: ("Terms of use", TERMS),
    PageSlug.ACCESSIBILITY: ("Accessibility statement", ACCESSIBILITY),
    PageSlug.CONTACT: ("Contact us", CONTACT),
}


def load_site_pages(*, admin: Any) -> int:
    """Write the demo's six pages and its name, logo and colours, as `admin` (an administrator).
    Returns how many pages changed (0 when run again)."""
    changed = 0
    for slug, (title, body) in PAGES.items():
        revision = services.site_page_save(
            page_slug=slug, title=title, body=body, note="First version", actor=admin
        )
        changed += revision is not None
    current = SiteIdentity.objects.filter(pk=SiteIdentity.SINGLE_ID).first()
    logo = None
    if current is None or not current.logo:
        # Through the same check as an upload: the demo's logo is one an administrator could use.
        from groundswell.sitepages.logos import clean_logo

        logo = clean_logo(ContentFile(LOGO.read_bytes(), name="demo-logo.svg"))  # type: ignore[arg-type]
    services.site_identity_save(
        name=NAME,
        tagline=TAGLINE,
        brand=BRAND,
        brand_dark=BRAND_DARK,
        logo=logo,
        actor=admin,
    )
    return changed
