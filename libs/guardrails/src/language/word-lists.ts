/**
 * Common words of English, Welsh and Scottish Gaelic as they appear in public-service posts.
 * A word that is common in two languages ("a", "i", "an", "is", "ar") appears in both lists with a
 * lower weight so it counts for little. Lists are lower case, apostrophes and accents as written.
 */

export type DetectableLanguage = 'en' | 'cy' | 'gd';

/** A word list written as whitespace-separated words, so the lists stay easy to read and extend. */
const list = (words: string): readonly string[] => words.trim().split(/\s+/);

/** Function words and public-service vocabulary; each counts 1, or a quarter when in AMBIGUOUS_WORDS. */
export const COMMON_WORDS: Record<DetectableLanguage, readonly string[]> = {
  en: list(`
    the and to of in for you your we our on will be are this that with please thank thanks today
    tomorrow at it its from can not have has had been was were they their there here what when where
    who how why if or but by about more find out now new all any some just get help us my me he she
    his her them would should could do does did so very no yes up open closed council service
    services school schools library road roads bin bins collection collections week weekend monday
    tuesday wednesday thursday friday saturday sunday morning afternoon evening night happy good see
    visit info information update next than then which also after before hello hi welcome one two
    day days year time still don't can't won't it's we're i'm you're i a an is am
  `),
  cy: list(`
    yn y yr mae maen ein eich eu fy dy gyda efo diolch croeso ar i a ac o am at wedi bydd fydd
    byddwn roedd oedd sydd ydy ydw yw oes dim ddim nid ni chi nhw hi fe fo ef hyn hynny yma yno pob
    bob gyd cael gael gallwch gallu angen os fel pan lle beth pwy sut pam ble iawn fawr newydd
    blwyddyn nadolig bore da nos prynhawn noswaith cyngor ysgol ysgolion gwasanaeth gwasanaethau
    gwybodaeth mwy rhagor dydd ddydd llun mawrth mercher iau gwener sadwrn sul ffordd ffyrdd gau cau
    agor heddiw yfory nawr rŵan hefyd ond neu gan dros rhwng trwy drwy wrth mewn r n llyfrgell
    canolfan casglu biniau ailgylchu cymraeg cymru sir dref tref hapus llongyfarchiadau edrych
    ymlaen gweld gwneud dweud mynd dod wythnos penwythnos amser heb eto rhaid gallwn helpu
    cysylltwch ewch dewch ymweld drafferth ymddiheuriadau gilydd pawb plant teulu lleol ardal
  `),
  gd: list(`
    tha agus an am na nan nam air aig ann gu le bho do de ri ris mu mar seo sin sibh sinn mi thu e i
    iad bha bidh bhith bhios chan cha eil ach no mòran taing tapadh leibh leat fàilte madainn mhath
    math feasgar oidhche latha comhairle sgoil sgoiltean seirbheis seirbheisean fiosrachadh
    tuilleadh diluain dimàirt diciadain diardaoin dihaoine disathairne didòmhnaich dùinte fosgailte
    gàidhlig alba ùr bliadhna nollaig chun gus airson dhan dhuibh againn agaibh aca diugh màireach
    nis rithist cuideachd uile a is mo ur ar ga gam gan dè cò ciamar carson càite cuin sona slàinte
    leabharlann rathad rathaidean coimhearsnachd sgìre cuir fios thugainn còmhla ruibh oirbh dhut
    dhomh ceud mìle beag mòr glè cho nach gun gum tron eadar thar fo
  `),
};

/** Words common in more than one of the languages: each counts a quarter. */
export const AMBIGUOUS_WORDS: ReadonlySet<string> = new Set(
  list(`
    a i am an is ar at o no do de e na le mo ur fo da ni hi me he so sin sir nos bin r n fe ac gan
    gun ga
  `),
);
