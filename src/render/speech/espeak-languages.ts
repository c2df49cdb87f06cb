// The espeak-ng languages Orator lists as voices, with the names HeyGen shows and a preview line.
// `espeakVoice` is espeak-ng's voice file name (what espeak_SetVoiceByName accepts: "en" is
// British English, "en-us" American); ids use `code`, which is fixed once published.

export interface EspeakLanguage {
  /** The id part: espeak_<code>_<m|f>. */
  code: string;
  espeakVoice: string;
  /** Language name as HeyGen lists it. */
  language: string;
  locale: string;
  /** A short preview sentence in the language. */
  sample: string;
}

export const ESPEAK_LANGUAGES: readonly EspeakLanguage[] = [
  { code: 'en-us', espeakVoice: 'en-us', language: 'English', locale: 'en-US', sample: 'Hello! This is how my voice sounds.' },
  { code: 'en-gb', espeakVoice: 'en', language: 'English', locale: 'en-GB', sample: 'Hello! This is how my voice sounds.' },
  { code: 'de', espeakVoice: 'de', language: 'German', locale: 'de-DE', sample: 'Hallo! So klingt meine Stimme.' },
  { code: 'fr', espeakVoice: 'fr', language: 'French', locale: 'fr-FR', sample: 'Bonjour ! Voici comment sonne ma voix.' },
  { code: 'es', espeakVoice: 'es', language: 'Spanish', locale: 'es-ES', sample: '¡Hola! Así suena mi voz.' },
  { code: 'es-419', espeakVoice: 'es-419', language: 'Spanish', locale: 'es-MX', sample: '¡Hola! Así suena mi voz.' },
  { code: 'it', espeakVoice: 'it', language: 'Italian', locale: 'it-IT', sample: 'Ciao! Ecco come suona la mia voce.' },
  { code: 'pt', espeakVoice: 'pt', language: 'Portuguese', locale: 'pt-PT', sample: 'Olá! É assim que soa a minha voz.' },
  { code: 'pt-br', espeakVoice: 'pt-br', language: 'Portuguese', locale: 'pt-BR', sample: 'Olá! É assim que a minha voz soa.' },
  { code: 'nl', espeakVoice: 'nl', language: 'Dutch', locale: 'nl-NL', sample: 'Hallo! Zo klinkt mijn stem.' },
  { code: 'pl', espeakVoice: 'pl', language: 'Polish', locale: 'pl-PL', sample: 'Cześć! Tak brzmi mój głos.' },
  { code: 'ru', espeakVoice: 'ru', language: 'Russian', locale: 'ru-RU', sample: 'Привет! Так звучит мой голос.' },
  { code: 'uk', espeakVoice: 'uk', language: 'Ukrainian', locale: 'uk-UA', sample: 'Привіт! Так звучить мій голос.' },
  { code: 'cs', espeakVoice: 'cs', language: 'Czech', locale: 'cs-CZ', sample: 'Ahoj! Takhle zní můj hlas.' },
  { code: 'sk', espeakVoice: 'sk', language: 'Slovak', locale: 'sk-SK', sample: 'Ahoj! Takto znie môj hlas.' },
  { code: 'hu', espeakVoice: 'hu', language: 'Hungarian', locale: 'hu-HU', sample: 'Szia! Így szól a hangom.' },
  { code: 'ro', espeakVoice: 'ro', language: 'Romanian', locale: 'ro-RO', sample: 'Bună! Așa sună vocea mea.' },
  { code: 'bg', espeakVoice: 'bg', language: 'Bulgarian', locale: 'bg-BG', sample: 'Здравейте! Така звучи моят глас.' },
  { code: 'hr', espeakVoice: 'hr', language: 'Croatian', locale: 'hr-HR', sample: 'Bok! Ovako zvuči moj glas.' },
  { code: 'sr', espeakVoice: 'sr', language: 'Serbian', locale: 'sr-RS', sample: 'Zdravo! Ovako zvuči moj glas.' },
  { code: 'sl', espeakVoice: 'sl', language: 'Slovenian', locale: 'sl-SI', sample: 'Živijo! Tako zveni moj glas.' },
  { code: 'el', espeakVoice: 'el', language: 'Greek', locale: 'el-GR', sample: 'Γεια σας! Έτσι ακούγεται η φωνή μου.' },
  { code: 'tr', espeakVoice: 'tr', language: 'Turkish', locale: 'tr-TR', sample: 'Merhaba! Sesim böyle duyuluyor.' },
  { code: 'sv', espeakVoice: 'sv', language: 'Swedish', locale: 'sv-SE', sample: 'Hej! Så här låter min röst.' },
  { code: 'da', espeakVoice: 'da', language: 'Danish', locale: 'da-DK', sample: 'Hej! Sådan lyder min stemme.' },
  { code: 'nb', espeakVoice: 'nb', language: 'Norwegian', locale: 'nb-NO', sample: 'Hei! Slik høres stemmen min ut.' },
  { code: 'fi', espeakVoice: 'fi', language: 'Finnish', locale: 'fi-FI', sample: 'Hei! Tältä minun ääneni kuulostaa.' },
  { code: 'et', espeakVoice: 'et', language: 'Estonian', locale: 'et-EE', sample: 'Tere! Nii kõlab minu hääl.' },
  { code: 'lv', espeakVoice: 'lv', language: 'Latvian', locale: 'lv-LV', sample: 'Sveiki! Tā skan mana balss.' },
  { code: 'lt', espeakVoice: 'lt', language: 'Lithuanian', locale: 'lt-LT', sample: 'Labas! Taip skamba mano balsas.' },
  { code: 'ar', espeakVoice: 'ar', language: 'Arabic', locale: 'ar-SA', sample: 'مرحبا! هكذا يبدو صوتي.' },
  { code: 'he', espeakVoice: 'he', language: 'Hebrew', locale: 'he-IL', sample: 'שלום! כך נשמע הקול שלי.' },
  { code: 'fa', espeakVoice: 'fa', language: 'Persian', locale: 'fa-IR', sample: 'سلام! صدای من این گونه است.' },
  { code: 'hi', espeakVoice: 'hi', language: 'Hindi', locale: 'hi-IN', sample: 'नमस्ते! मेरी आवाज़ ऐसी लगती है।' },
  { code: 'bn', espeakVoice: 'bn', language: 'Bengali', locale: 'bn-IN', sample: 'নমস্কার! আমার কণ্ঠস্বর এমন শোনায়।' },
  { code: 'ta', espeakVoice: 'ta', language: 'Tamil', locale: 'ta-IN', sample: 'வணக்கம்! என் குரல் இப்படித்தான் ஒலிக்கும்.' },
  { code: 'ur', espeakVoice: 'ur', language: 'Urdu', locale: 'ur-PK', sample: 'سلام! میری آواز ایسی لگتی ہے۔' },
  { code: 'id', espeakVoice: 'id', language: 'Indonesian', locale: 'id-ID', sample: 'Halo! Beginilah suara saya.' },
  { code: 'ms', espeakVoice: 'ms', language: 'Malay', locale: 'ms-MY', sample: 'Helo! Beginilah bunyi suara saya.' },
  { code: 'vi', espeakVoice: 'vi', language: 'Vietnamese', locale: 'vi-VN', sample: 'Xin chào! Đây là giọng nói của tôi.' },
  { code: 'th', espeakVoice: 'th', language: 'Thai', locale: 'th-TH', sample: 'สวัสดี นี่คือเสียงของฉัน' },
  { code: 'ja', espeakVoice: 'ja', language: 'Japanese', locale: 'ja-JP', sample: 'こんにちは。これが私の声です。' },
  { code: 'ko', espeakVoice: 'ko', language: 'Korean', locale: 'ko-KR', sample: '안녕하세요! 제 목소리는 이렇습니다.' },
  { code: 'cmn', espeakVoice: 'cmn', language: 'Chinese', locale: 'zh-CN', sample: '你好！这就是我的声音。' },
  { code: 'yue', espeakVoice: 'yue', language: 'Chinese', locale: 'zh-HK', sample: '你好！呢個就係我嘅聲音。' },
  { code: 'ca', espeakVoice: 'ca', language: 'Catalan', locale: 'ca-ES', sample: 'Hola! Així sona la meva veu.' },
  { code: 'cy', espeakVoice: 'cy', language: 'Welsh', locale: 'cy-GB', sample: 'Helo! Dyma sut mae fy llais yn swnio.' },
  { code: 'af', espeakVoice: 'af', language: 'Afrikaans', locale: 'af-ZA', sample: 'Hallo! So klink my stem.' },
  { code: 'sw', espeakVoice: 'sw', language: 'Swahili', locale: 'sw-KE', sample: 'Habari! Hivi ndivyo sauti yangu inavyosikika.' },
  { code: 'is', espeakVoice: 'is', language: 'Icelandic', locale: 'is-IS', sample: 'Halló! Svona hljómar röddin mín.' },
];
