import { ACKNOWLEDGE_INVITATION, ACKNOWLEDGEMENT_WAITING_MESSAGE, CONTACT_HEAD_MESSAGE } from "@/lib/domain/acknowledgement";
import { CAMPAIGN_CLOSED_MESSAGE, OPINIONS_NOT_AVAILABLE_MESSAGE } from "@/lib/domain/calendar";
import { CALENDAR_HEADING, CALENDAR_NOT_PUBLISHED_MESSAGE } from "@/lib/domain/campaign-calendar";
import { HELP_STAGE_PASSERELLE, HELP_STL, INTENTIONS_INSTRUCTIONS_2GT } from "@/lib/domain/family-2gt";
import {
  ACKNOWLEDGE_FIRST_MESSAGE,
  ENTRY_NOT_AVAILABLE_MESSAGE,
  FINAL_CHOICES_INSTRUCTIONS,
  FINAL_CHOICES_INSTRUCTIONS_2GT,
  FINAL_SCHOOL_CLOSED_MESSAGE,
  NO_FINAL_CHOICE_MESSAGE,
  NO_OPINIONS_EVER_MESSAGE,
  NOTHING_VALIDATED_MESSAGE,
  OUT_OF_PROCEDURE_MESSAGE,
  PROPOSALS_NOT_AVAILABLE_MESSAGE,
  SCHOOL_CLOSED_MESSAGE,
} from "@/lib/domain/family-page";
import {
  ADULT_HELP_STATUS_APPRENTICE,
  ADULT_HELP_STATUS_SCHOOL,
  ADULT_NO_AGREEMENT_INTERVIEW_MESSAGE,
  ADULT_REFUSED_ALL_CONTACT_MESSAGE,
} from "@/lib/domain/adult-student";
import {
  ANSWER_BY_HOLDER_ONLY_MESSAGE,
  ANSWER_BY_SCHOOL_MESSAGE,
  ANSWER_WAITING_MESSAGE,
  DISAGREEMENT_MESSAGE,
  REFUSE_ALL_CONTACT_MESSAGE,
} from "@/lib/domain/family-answer";
import {
  APPEAL_PENDING_TEXT,
  DECISION_AFTER_INTERVIEW_MESSAGE,
  DECISION_NOT_AVAILABLE_MESSAGE,
  DISAGREEMENT_REMAINS_MESSAGE,
  NEXT_STEP_NO_LINK_TEXT,
  NEXT_STEP_TEXT,
  NO_AGREEMENT_INTERVIEW_MESSAGE,
} from "@/lib/domain/family-decision";
import { HELP_FREE_TEXT, HELP_STATUS_APPRENTICE, HELP_STATUS_SCHOOL, HELP_STHR, INTENTIONS_INSTRUCTIONS, PROCEDURE_NOTICE } from "@/lib/domain/intentions";

/*
 * R-OVS-5: the guidance texts of the family pages in French, English and Arabic. A small catalogue
 * (key → the three texts), no i18n framework: the family chooses the language of the GUIDANCE
 * (explanations, help, notices, the phases on the home); the procedure's own terms (voies, form
 * fields, legal notices, names) stay French, and every translated block keeps the French text one
 * click away. Where a French text already lives in lib/domain, the catalogue's `fr` IS that
 * constant, so the French the page shows and the French the catalogue translates cannot drift
 * apart unnoticed (the unit test checks every key has the three languages and the same
 * placeholders). Pure: no Next.js, no database.
 */

export const LOCALES = ["fr", "en", "ar"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fr";

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

/** Each language's own name (shown in that language), its direction, and the words of the language block. */
export const LOCALE_META: Record<Locale, { name: string; dir: "ltr" | "rtl" }> = {
  fr: { name: "Français", dir: "ltr" },
  en: { name: "English", dir: "ltr" },
  ar: { name: "العربية", dir: "rtl" },
};

type Entry = { fr: string; en: string; ar: string };

export const GUIDANCE = {
  // The language selector and the translated blocks.
  "language.legend": { fr: "Langue de l'aide", en: "Language of the help texts", ar: "لغة نصوص المساعدة" },
  "language.submit": { fr: "Afficher l'aide en", en: "Show the help in", ar: "عرض المساعدة باللغة" },
  "language.chosen": { fr: "langue choisie", en: "chosen language", ar: "اللغة المختارة" },
  "language.frenchText": { fr: "Texte officiel en français", en: "Official French text", ar: "النص الرسمي بالفرنسية" },
  "language.note": {
    fr: "Les textes d'aide sont traduits ; les termes de la procédure et les formulaires restent en français.",
    en: "The help texts are translated; the terms of the procedure and the forms stay in French.",
    ar: "نصوص المساعدة مترجمة؛ أما مصطلحات الإجراء والاستمارات فتبقى باللغة الفرنسية.",
  },

  // R-OVS-3: the words around the académie's alert on a voie (its message stays as the académie wrote it).
  "alert.attention": { fr: "Attention : ", en: "Important: ", ar: "تنبيه: " },
  "alert.due": {
    fr: "À faire avant le {date}.",
    en: "To be done before {date} (date in French).",
    ar: "يجب القيام بذلك قبل {date} (التاريخ بالفرنسية).",
  },

  "home.noChild": {
    fr: "Aucun élève n'est rattaché à votre compte. Contactez l'établissement de votre enfant.",
    en: "No student is linked to your account. Please contact your child's school.",
    ar: "لا يوجد أي تلميذ مرتبط بحسابكم. يرجى الاتصال بمؤسسة طفلكم.",
  },
  // The family home: the phases of the campaign and their dates.
  "home.phases.heading": { fr: CALENDAR_HEADING, en: "Calendar of the online service", ar: "جدول مواعيد الخدمة الإلكترونية" },
  "home.phases.unpublished": {
    fr: CALENDAR_NOT_PUBLISHED_MESSAGE,
    en: "The académie has not yet published the calendar of the campaign.",
    ar: "لم تنشر الأكاديمية (académie) بعد جدول مواعيد الحملة.",
  },
  "home.phase.provisional.explain": {
    fr: "Phase provisoire : vous saisissez les intentions d'orientation de votre enfant ; le conseil de classe y répond par un avis provisoire, dont vous accusez réception.",
    en: "Provisional phase: you enter your child's intended guidance choices; the class council answers with a provisional opinion, which you acknowledge.",
    ar: "المرحلة المؤقتة: تُدخلون رغبات التوجيه لطفلكم؛ ويرد مجلس القسم برأي مؤقت، تؤكدون استلامه.",
  },
  "home.phase.final.explain": {
    fr: "Phase définitive : vous saisissez les choix définitifs ; le conseil de classe fait des propositions, auxquelles vous répondez, puis le chef d'établissement prend la décision d'orientation.",
    en: "Final phase: you enter the final choices; the class council makes proposals, which you answer, then the head of the school takes the guidance decision.",
    ar: "المرحلة النهائية: تُدخلون الاختيارات النهائية؛ ويقدم مجلس القسم مقترحات تجيبون عنها، ثم يتخذ رئيس المؤسسة قرار التوجيه.",
  },
  "home.phase.open": { fr: "Ouverte maintenant, jusqu'au {closes}", en: "Open now, until {closes}", ar: "مفتوحة الآن، حتى {closes}" },
  "home.phase.upcoming": { fr: "À venir : du {opens} au {closes}", en: "Upcoming: from {opens} to {closes}", ar: "قادمة: من {opens} إلى {closes}" },
  "home.phase.closed": { fr: "Terminée : du {opens} au {closes}", en: "Closed: from {opens} to {closes}", ar: "منتهية: من {opens} إلى {closes}" },
  "home.phase.notSet": { fr: "Dates pas encore publiées par l'académie", en: "Dates not yet published by the académie", ar: "لم تنشر الأكاديمية المواعيد بعد" },
  "home.help.heading": { fr: "Aide et ressources de l'académie", en: "Help and resources from the académie", ar: "المساعدة والموارد من الأكاديمية" },
  "home.help.intro": {
    fr: "Pour vous informer sur la procédure d'orientation ou obtenir de l'aide, consultez les pages de votre académie :",
    en: "To learn about the guidance procedure or to get help, see the pages of your académie:",
    ar: "للاطلاع على إجراءات التوجيه أو للحصول على المساعدة، راجعوا صفحات أكاديميتكم (académie):",
  },
  "home.help.resources": { fr: "Ressources sur l'orientation", en: "Resources on guidance", ar: "موارد حول التوجيه" },
  "home.help.assistance": { fr: "Assistance aux familles", en: "Assistance for families", ar: "مساعدة الأسر" },

  // Why the family service of a phase is closed (R-CAL-2/3, R-SCH-3/12).
  "notice.campaignClosed": { fr: CAMPAIGN_CLOSED_MESSAGE, en: "The guidance campaign is not open.", ar: "حملة التوجيه غير مفتوحة." },
  "notice.calendarIntro": { fr: "Le calendrier est le suivant :", en: "The calendar is as follows:", ar: "جدول المواعيد كالتالي:" },
  "notice.schoolClosed": {
    fr: SCHOOL_CLOSED_MESSAGE,
    en: "Your school has closed the online guidance service: the intentions can no longer be entered or changed. Please contact your school.",
    ar: "أغلقت مؤسستكم الخدمة الإلكترونية للتوجيه: لم يعد بالإمكان إدخال الرغبات أو تعديلها. يرجى الاتصال بمؤسستكم.",
  },
  "notice.finalSchoolClosed": {
    fr: FINAL_SCHOOL_CLOSED_MESSAGE,
    en: "Your school has closed the online guidance service: the final choices can no longer be entered or changed. Please contact your school.",
    ar: "أغلقت مؤسستكم الخدمة الإلكترونية للتوجيه: لم يعد بالإمكان إدخال الاختيارات النهائية أو تعديلها. يرجى الاتصال بمؤسستكم.",
  },
  "notice.opinionsNotAvailable": {
    fr: OPINIONS_NOT_AVAILABLE_MESSAGE,
    en: "The provisional opinions of the class council are not available. Please contact your school",
    ar: "الآراء المؤقتة لمجلس القسم غير متوفرة. يرجى الاتصال بمؤسستكم",
  },
  "notice.proposalsNotAvailable": {
    fr: PROPOSALS_NOT_AVAILABLE_MESSAGE,
    en: "The class council of the third term is under way: the final choices can no longer be changed and the proposals of the class council are not available yet.",
    ar: "مجلس القسم للفصل الثالث منعقد: لم يعد بالإمكان تعديل الاختيارات النهائية، ومقترحات مجلس القسم غير متوفرة بعد.",
  },
  "notice.outOfProcedure": {
    fr: OUT_OF_PROCEDURE_MESSAGE,
    en: "The student is not part of the online guidance procedure (hors procédure). Please contact the head of the school.",
    ar: "التلميذ غير معني بإجراء التوجيه الإلكتروني (hors procédure). يرجى الاتصال برئيس المؤسسة.",
  },

  // Step 1: the intentions and the avis.
  "intentions.instructions": {
    fr: INTENTIONS_INSTRUCTIONS,
    en: "You must enter at least one intention. You may enter up to three. Their order is your order of preference.",
    ar: "يجب عليكم إدخال رغبة واحدة على الأقل. ويمكنكم إدخال ثلاث رغبات كحد أقصى. ترتيب عرضها هو ترتيب تفضيلكم.",
  },
  "intentions.instructions2gt": {
    fr: INTENTIONS_INSTRUCTIONS_2GT,
    en: "You must enter at least one intention. You may enter up to three (1re générale, 1re technologique, 1re preparing the BT « métiers de la musique », access to the vocational track). Their order is your order of preference.",
    ar: "يجب عليكم إدخال رغبة واحدة على الأقل. ويمكنكم إدخال ثلاث رغبات كحد أقصى (1re générale، 1re technologique، 1re المؤهلة لشهادة BT « métiers de la musique »، الالتحاق بالمسار المهني). ترتيب عرضها هو ترتيب تفضيلكم.",
  },
  "intentions.noteLabel": { fr: "À noter : ", en: "Please note: ", ar: "ملاحظة: " },
  "intentions.procedureNotice": {
    fr: PROCEDURE_NOTICE,
    en: "This dialogue procedure does not apply to an exceptional repeat of the year decided by the head of the school, nor to particular paths outside the education system (medical or social services...) for which a specific procedure exists. If you are in one of these situations, please contact the head of the school.",
    ar: "لا ينطبق إجراء الحوار هذا على الإعادة الاستثنائية للسنة التي يقررها رئيس المؤسسة، ولا على المسارات الخاصة خارج النظام التعليمي (الخدمات الطبية، الاجتماعية...) التي يوجد لها إجراء خاص. إذا كنتم في إحدى هذه الحالات، يرجى الاتصال برئيس المؤسسة.",
  },
  "intentions.nothingValidated": {
    fr: NOTHING_VALIDATED_MESSAGE,
    en: "No guidance intention has been validated yet.",
    ar: "لم يتم تأكيد أي رغبة توجيه بعد.",
  },
  "intentions.entryNotAvailable": {
    fr: ENTRY_NOT_AVAILABLE_MESSAGE,
    en: "Online entry of the intentions is not available yet for this level. Please contact your school.",
    ar: "الإدخال الإلكتروني للرغبات غير متاح بعد لهذا المستوى. يرجى الاتصال بمؤسستكم.",
  },
  "opinions.acknowledgeInvitation": {
    fr: ACKNOWLEDGE_INVITATION,
    en: "Once you have read the provisional opinions of the class council, you must acknowledge them. The acknowledgement cannot be changed afterwards.",
    ar: "بعد اطلاعكم على الآراء المؤقتة لمجلس القسم، يجب عليكم تأكيد استلامها. لا يمكن تعديل تأكيد الاستلام بعد ذلك.",
  },
  "opinions.contactHead": {
    fr: CONTACT_HEAD_MESSAGE,
    en: "You are invited to contact the head of the school for any information or advice.",
    ar: "ندعوكم إلى الاتصال برئيس المؤسسة لأي استفسار أو نصيحة.",
  },
  "opinions.acknowledgementWaiting": {
    fr: ACKNOWLEDGEMENT_WAITING_MESSAGE,
    en: "A legal guardian has not acknowledged the opinions yet.",
    ar: "لم يؤكد أي من الأولياء الشرعيين استلام الآراء بعد.",
  },

  // Step 2: the final choices.
  "final.instructions": {
    fr: FINAL_CHOICES_INSTRUCTIONS,
    en: "You must enter at least one choice. You may enter up to three. Their order is your order of preference.",
    ar: "يجب عليكم إدخال اختيار واحد على الأقل. ويمكنكم إدخال ثلاثة اختيارات كحد أقصى. ترتيب عرضها هو ترتيب تفضيلكم.",
  },
  "final.instructions2gt": {
    fr: FINAL_CHOICES_INSTRUCTIONS_2GT,
    en: "You must enter at least 1 final choice. You may enter up to 11 (1re générale, one or more series of 1re technologique, 1re preparing the BT « métiers de la musique », access to the vocational track). Their order is your order of preference. The choices can be changed until the school closes the online service before the class councils.",
    ar: "يجب عليكم إدخال اختيار نهائي واحد على الأقل. ويمكنكم إدخال 11 اختيارًا كحد أقصى (1re générale، شعبة أو أكثر من 1re technologique، 1re المؤهلة لشهادة BT « métiers de la musique »، الالتحاق بالمسار المهني). ترتيب عرضها هو ترتيب تفضيلكم. يمكن تعديل الاختيارات حتى تغلق المؤسسة الخدمة الإلكترونية قبل مجالس الأقسام.",
  },
  "final.acknowledgeFirst": {
    fr: ACKNOWLEDGE_FIRST_MESSAGE,
    en: "The final choices can only be entered after acknowledging the provisional opinions of the class council. Please read them and acknowledge them.",
    ar: "لا يمكن إدخال الاختيارات النهائية إلا بعد تأكيد استلام الآراء المؤقتة لمجلس القسم. يرجى الاطلاع عليها وتأكيد استلامها.",
  },
  "final.noOpinionsEver": {
    fr: NO_OPINIONS_EVER_MESSAGE,
    en: "The provisional opinions of the class council were not published: the final choices cannot be entered online. Please contact your school.",
    ar: "لم تُنشر الآراء المؤقتة لمجلس القسم: لا يمكن إدخال الاختيارات النهائية إلكترونيًا. يرجى الاتصال بمؤسستكم.",
  },
  "final.noFinalChoice": { fr: NO_FINAL_CHOICE_MESSAGE, en: "No final choice has been validated yet.", ar: "لم يتم تأكيد أي اختيار نهائي بعد." },

  // Step 2: the answer to the proposals and the agreement (R-FIN-6/7).
  "answer.byHolderOnly": {
    fr: ANSWER_BY_HOLDER_ONLY_MESSAGE,
    en: "Only the legal guardian who entered the final choices can answer the proposals of the class council. You can then state whether you agree or disagree with their answer.",
    ar: "لا يمكن الرد على مقترحات مجلس القسم إلا للولي الشرعي الذي أدخل الاختيارات النهائية. ويمكنكم بعد ذلك إبداء موافقتكم أو عدم موافقتكم على رده.",
  },
  "answer.bySchool": {
    fr: ANSWER_BY_SCHOOL_MESSAGE,
    en: "The final choices were not entered online: the answer to the proposals of the class council is entered by the school. Please contact the head of the school.",
    ar: "لم تُدخل الاختيارات النهائية إلكترونيًا: تُدخل المؤسسة الرد على مقترحات مجلس القسم. يرجى الاتصال برئيس المؤسسة.",
  },
  "answer.waiting": {
    fr: ANSWER_WAITING_MESSAGE,
    en: "The answer to the proposals of the class council has not been entered yet.",
    ar: "لم يتم إدخال الرد على مقترحات مجلس القسم بعد.",
  },
  "answer.refuseAllContact": {
    fr: REFUSE_ALL_CONTACT_MESSAGE,
    en: "You have refused all the proposals of the class council: you must contact the head of the school IMMEDIATELY for an appointment without delay, with the student present.",
    ar: "لقد رفضتم جميع مقترحات مجلس القسم: يجب عليكم الاتصال برئيس المؤسسة فورًا لتحديد موعد دون تأخير، بحضور التلميذ.",
  },
  "answer.refuseAllContactAdult": {
    fr: ADULT_REFUSED_ALL_CONTACT_MESSAGE,
    en: "You have refused all the proposals of the class council: you must contact the head of the school IMMEDIATELY for an appointment without delay.",
    ar: "لقد رفضتم جميع مقترحات مجلس القسم: يجب عليكم الاتصال برئيس المؤسسة فورًا لتحديد موعد دون تأخير.",
  },
  "answer.disagreement": {
    fr: DISAGREEMENT_MESSAGE,
    en: "The legal guardians do not agree: an interview with the head of the school is compulsory. Please contact them without delay.",
    ar: "الأولياء الشرعيون غير متفقين: المقابلة مع رئيس المؤسسة إلزامية. يرجى الاتصال به دون تأخير.",
  },

  // Step 3: the decision (R-FIN-8/9/12).
  "decision.notAvailable": {
    fr: DECISION_NOT_AVAILABLE_MESSAGE,
    en: "The guidance decision is not available yet.",
    ar: "قرار التوجيه غير متوفر بعد.",
  },
  "decision.noAgreementInterview": {
    fr: NO_AGREEMENT_INTERVIEW_MESSAGE,
    en: "No agreement was found between the legal guardians and the class council: an interview with the head of the school must take place. If it has not been done yet, you MUST contact the head of the school IMMEDIATELY.",
    ar: "لم يتم التوصل إلى اتفاق بين الأولياء الشرعيين ومجلس القسم: يجب إجراء مقابلة مع رئيس المؤسسة. إذا لم يتم ذلك بعد، يجب الاتصال برئيس المؤسسة فورًا.",
  },
  "decision.noAgreementInterviewAdult": {
    fr: ADULT_NO_AGREEMENT_INTERVIEW_MESSAGE,
    en: "No agreement was found between you and the class council: an interview with the head of the school must take place. If it has not been done yet, you MUST contact the head of the school IMMEDIATELY.",
    ar: "لم يتم التوصل إلى اتفاق بينكم وبين مجلس القسم: يجب إجراء مقابلة مع رئيس المؤسسة. إذا لم يتم ذلك بعد، يجب الاتصال برئيس المؤسسة فورًا.",
  },
  "decision.disagreementRemains": {
    fr: DISAGREEMENT_REMAINS_MESSAGE,
    en: "If the disagreement remains after the interview with the head of the school, the school sets up a « paper » procedure to refer the case to the appeal commission.",
    ar: "في حال استمرار الخلاف بعد المقابلة مع رئيس المؤسسة، تضع المؤسسة إجراءً « ورقيًا » لعرض الأمر على لجنة الطعن.",
  },
  "decision.afterInterview": {
    fr: DECISION_AFTER_INTERVIEW_MESSAGE,
    en: "The head of the school will take the guidance decision following the interview.",
    ar: "سيتخذ رئيس المؤسسة قرار التوجيه بعد المقابلة.",
  },
  "decision.appealPending": {
    fr: APPEAL_PENDING_TEXT,
    en: "The decision of the appeal commission is awaited: it will become the guidance decision.",
    ar: "قرار لجنة الطعن منتظر: وسيصبح هو قرار التوجيه.",
  },
  "decision.nextStep": {
    fr: NEXT_STEP_TEXT,
    en: "The guidance decision is about a track. The application for a place in a school and a course is then made to the académie's affectation service.",
    ar: "يتعلق قرار التوجيه بمسار دراسي. ويُقدَّم بعد ذلك طلب التسجيل في مؤسسة وتكوين لدى مصلحة التعيين (affectation) في الأكاديمية.",
  },
  "decision.nextStepNoLink": {
    fr: NEXT_STEP_NO_LINK_TEXT,
    en: "Ask the school about the calendar and the terms of the affectation application.",
    ar: "استفسروا لدى المؤسسة عن جدول مواعيد طلب التعيين (affectation) وكيفياته.",
  },

  // The step bar: what the family must do next (R-CAL-2).
  "todo.acknowledge": {
    fr: "À faire : accuser réception des avis provisoires",
    en: "To do: acknowledge the provisional opinions",
    ar: "المطلوب: تأكيد استلام الآراء المؤقتة",
  },
  "todo.enterIntentions": {
    fr: "À faire : saisir les intentions provisoires",
    en: "To do: enter the provisional intentions",
    ar: "المطلوب: إدخال الرغبات المؤقتة",
  },
  "todo.readOnly": { fr: "À faire : rien, consultation seulement", en: "To do: nothing, for reading only", ar: "المطلوب: لا شيء، للاطلاع فقط" },
  "todo.nothingYet": { fr: "À faire : rien pour le moment", en: "To do: nothing for now", ar: "المطلوب: لا شيء في الوقت الحالي" },
  "todo.acknowledgeThenChoose": {
    fr: "À faire : accuser réception des avis provisoires, puis saisir les choix définitifs",
    en: "To do: acknowledge the provisional opinions, then enter the final choices",
    ar: "المطلوب: تأكيد استلام الآراء المؤقتة، ثم إدخال الاختيارات النهائية",
  },
  "todo.enterFinalChoices": { fr: "À faire : saisir les choix définitifs", en: "To do: enter the final choices", ar: "المطلوب: إدخال الاختيارات النهائية" },
  "todo.answerProposals": {
    fr: "À faire : répondre aux propositions du conseil de classe",
    en: "To do: answer the proposals of the class council",
    ar: "المطلوب: الرد على مقترحات مجلس القسم",
  },
  "todo.agreement": {
    fr: "À faire : signifier votre accord ou votre désaccord avec la réponse",
    en: "To do: state whether you agree or disagree with the answer",
    ar: "المطلوب: إبداء موافقتكم أو عدم موافقتكم على الرد",
  },

  "todo.decisionAwaited": {
    fr: "À faire : rien, la décision du chef d'établissement est attendue",
    en: "To do: nothing, the decision of the head of the school is awaited",
    ar: "المطلوب: لا شيء، قرار رئيس المؤسسة منتظر",
  },
  "todo.contactHeadForInterview": {
    fr: "À faire : contacter immédiatement le chef d'établissement pour l'entretien",
    en: "To do: contact the head of the school immediately for the interview",
    ar: "المطلوب: الاتصال فورًا برئيس المؤسسة من أجل المقابلة",
  },
  "todo.decisionNotYet": {
    fr: "À faire : rien, la décision n'est pas encore prise",
    en: "To do: nothing, the decision has not been taken yet",
    ar: "المطلوب: لا شيء، لم يُتخذ القرار بعد",
  },
  "todo.readDecision": {
    fr: "À faire : consulter la décision d'orientation",
    en: "To do: read the guidance decision",
    ar: "المطلوب: الاطلاع على قرار التوجيه",
  },
  "todo.appealAwaited": {
    fr: "À faire : rien, la décision de la commission d'appel est attendue",
    en: "To do: nothing, the decision of the appeal commission is awaited",
    ar: "المطلوب: لا شيء، قرار لجنة الطعن منتظر",
  },

  // The help toggles (R-INT-9).
  "help.prefix": { fr: "Aide", en: "Help", ar: "مساعدة" },
  "help.sthr": {
    fr: HELP_STHR,
    en: "STHR: sciences and technologies of hotel management and catering. The 2de STHR is a specific seconde that prepares for the technological baccalauréat STHR.",
    ar: "STHR: علوم وتقنيات الفندقة والإطعام. الـ 2de STHR سنة ثانية خاصة تُحضّر للبكالوريا التكنولوجية STHR.",
  },
  "help.freeText": {
    fr: HELP_FREE_TEXT,
    en: "You will find information on jobs and training on the Onisep website (http://www.onisep.fr), and in the guide « Après la 3e » handed out by your school.",
    ar: "ستجدون معلومات عن المهن والتكوينات على موقع Onisep (http://www.onisep.fr)، وفي دليل « Après la 3e » الذي توزعه مؤسستكم.",
  },
  "help.statusSchool": {
    fr: HELP_STATUS_SCHOOL,
    en: "Your child remains a pupil; they follow general and vocational courses at the vocational lycée; they spend training periods (internships) of several weeks in a company during their course.",
    ar: "يبقى طفلكم تلميذًا؛ يتابع دروسًا عامة ومهنية في الثانوية المهنية؛ ويقضي فترات تدريب لعدة أسابيع في مؤسسة اقتصادية خلال مساره التكويني.",
  },
  "help.statusApprentice": {
    fr: HELP_STATUS_APPRENTICE,
    en: "Your child becomes an apprentice and is considered an employee, with an employment contract. They will have to find an employer to sign a contract; the CFA (apprentice training centre) can help them with this. Their training time is shared between the CFA and the company.",
    ar: "يصبح طفلكم متمرنًا ويُعتبر أجيرًا بعقد عمل. سيتعين عليه البحث عن مشغّل لتوقيع عقد؛ ويمكن أن يرافقه في ذلك مركز تكوين المتمرنين (CFA). ويتوزع وقت تكوينه بين المركز والمؤسسة.",
  },
  "help.statusSchoolAdult": {
    fr: ADULT_HELP_STATUS_SCHOOL,
    en: "You remain a pupil; you follow general and vocational courses at the vocational lycée; you spend training periods (internships) of several weeks in a company during your course.",
    ar: "تبقون تلميذًا؛ تتابعون دروسًا عامة ومهنية في الثانوية المهنية؛ وتقضون فترات تدريب لعدة أسابيع في مؤسسة اقتصادية خلال مساركم التكويني.",
  },
  "help.statusApprenticeAdult": {
    fr: ADULT_HELP_STATUS_APPRENTICE,
    en: "You become an apprentice and are considered an employee, with an employment contract. You will have to find an employer to sign a contract; the CFA (apprentice training centre) can help you with this. Your training time is shared between the CFA and the company.",
    ar: "تصبحون متمرنًا وتُعتبرون أجيرًا بعقد عمل. سيتعين عليكم البحث عن مشغّل لتوقيع عقد؛ ويمكن أن يرافقكم في ذلك مركز تكوين المتمرنين (CFA). ويتوزع وقت تكوينكم بين المركز والمؤسسة.",
  },
  "help.stl": {
    fr: HELP_STL,
    en: "The STL series has two options: biotechnologies, or physical and chemical sciences in the laboratory. Each one is in the list: choose the option you wish.",
    ar: "تضم شعبة STL خيارين: التقنيات الحيوية، أو العلوم الفيزيائية والكيميائية في المختبر. كل خيار موجود في القائمة: اختاروا الخيار المرغوب.",
  },
  "help.stagePasserelle": {
    fr: HELP_STAGE_PASSERELLE,
    en: "The stage passerelle lets the student discover the vocational training they are considering before changing track; the host school gives its opinion.",
    ar: "يتيح تدريب العبور (stage passerelle) للتلميذ اكتشاف التكوين المهني الذي يفكر فيه قبل تغيير المسار؛ وتبدي المؤسسة المستقبِلة رأيها.",
  },
} as const satisfies Record<string, Entry>;

export type GuidanceKey = keyof typeof GUIDANCE;

/** A guidance text as a page shows it: the text in `locale` (French when the family chose French), and its French original. */
export type GuidanceText = { locale: Locale; text: string; fr: string };

type Params = Record<string, string>;

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => params[name] ?? m);
}

/** The placeholders of a text ("{opens}", "{closes}"), sorted. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

/** R-OVS-5: one guidance text in the family's language, with its French original. */
export function guidance(locale: Locale, key: GuidanceKey, params: Params = {}): GuidanceText {
  const e: Entry = GUIDANCE[key];
  return { locale, text: fill(e[locale], params), fr: fill(e.fr, params) };
}

const BY_FRENCH = new Map<string, GuidanceKey>(
  (Object.keys(GUIDANCE) as GuidanceKey[]).filter((k) => placeholdersOf(GUIDANCE[k].fr).length === 0).map((k) => [GUIDANCE[k].fr, k]),
);

/**
 * R-OVS-5: a French text a view-model already holds (a service message, an instruction, a help
 * text), in the family's language when the catalogue has it; any other text (a name, a date, a
 * sentence built with values) stays French, marked as such.
 */
export function guidanceOfFrench(locale: Locale, fr: string): GuidanceText {
  const key = BY_FRENCH.get(fr);
  if (!key || locale === "fr") return { locale: "fr", text: fr, fr };
  return { locale, text: GUIDANCE[key][locale], fr };
}
