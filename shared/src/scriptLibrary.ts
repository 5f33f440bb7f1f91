/**
 * The built-in script library, written in our own words from DOMAIN.md §5 (structure only, no handout text).
 * Each script exists in every language with the same roles, turns and timings.
 */
import type { Language } from './domain.js';
import type { ScriptContent, ScriptDto } from './scripts.js';

type Text = Record<Language, string>;
interface StepSource {
  turn: string;
  seconds: number;
  title: Text;
  prompts: Record<string, Text>;
  stems?: Text[];
}
interface ScriptSource {
  id: string;
  name: Text;
  purpose: Text;
  roles: { id: string; name: Text }[];
  steps: StepSource[];
}

const SPEAKER = { id: 'speaker', name: { en: 'Speaker', es: 'Quien habla' } };
const LISTENER = { id: 'listener', name: { en: 'Listener', es: 'Quien escucha' } };
const SENDER = { id: 'sender', name: { en: 'Sender', es: 'Emisor' } };
const RECEIVER = { id: 'receiver', name: { en: 'Receiver', es: 'Receptor' } };

const SOURCES: ScriptSource[] = [
  {
    id: 'speaker-listener',
    name: { en: 'Speaker and listener', es: 'Hablante y oyente' },
    purpose: {
      en: 'Take turns holding the floor: one speaks briefly about their own experience, the other reflects it back without arguing. No problem-solving yet.',
      es: 'Turnarse la palabra: una persona habla brevemente de su propia experiencia y la otra la refleja sin discutir. Todavía no se buscan soluciones.',
    },
    roles: [SPEAKER, LISTENER],
    steps: [
      {
        turn: 'speaker',
        seconds: 90,
        title: { en: 'Speak for yourself', es: 'Hable por usted' },
        prompts: {
          speaker: {
            en: 'You have the floor. Share one thing, briefly, about how it is for you.',
            es: 'Tiene la palabra. Comparta una sola cosa, en pocas frases, sobre cómo lo vive.',
          },
          listener: {
            en: 'Listen to understand. Do not answer or correct yet.',
            es: 'Escuche para entender. Todavía no responda ni corrija.',
          },
        },
        stems: [{ en: 'I feel … when …', es: 'Me siento … cuando …' }],
      },
      {
        turn: 'listener',
        seconds: 60,
        title: { en: 'Reflect back', es: 'Refleje lo escuchado' },
        prompts: {
          speaker: {
            en: 'Listen to how your words came across.',
            es: 'Escuche cómo le llegaron sus palabras.',
          },
          listener: {
            en: 'Say back what you heard, in your own words, without adding your view.',
            es: 'Diga lo que escuchó, con sus palabras, sin añadir su opinión.',
          },
        },
        stems: [{ en: 'What I’m hearing is …', es: 'Lo que le escucho decir es …' }],
      },
      {
        turn: 'speaker',
        seconds: 45,
        title: { en: 'Confirm or clarify', es: 'Confirme o aclare' },
        prompts: {
          speaker: {
            en: 'Say whether that was it, or gently clarify what was missed.',
            es: 'Diga si era eso o aclare con calma lo que faltó.',
          },
          listener: {
            en: 'Take in the correction; reflect again if needed.',
            es: 'Reciba la aclaración; vuelva a reflejar si hace falta.',
          },
        },
      },
      {
        turn: 'listener',
        seconds: 30,
        title: { en: 'Pass the floor', es: 'Pase la palabra' },
        prompts: {
          speaker: {
            en: 'Hand the floor over. Next you will listen.',
            es: 'Ceda la palabra. Ahora le toca escuchar.',
          },
          listener: {
            en: 'Take the floor when you are ready; the roles swap.',
            es: 'Tome la palabra cuando esté listo; se cambian los papeles.',
          },
        },
      },
    ],
  },
  {
    id: 'intentional-dialogue',
    name: { en: 'Intentional dialogue', es: 'Diálogo intencional' },
    purpose: {
      en: 'Slow the conversation down: the receiver mirrors, validates and empathises before anyone replies.',
      es: 'Bajar el ritmo de la conversación: quien recibe refleja, valida y empatiza antes de que nadie responda.',
    },
    roles: [SENDER, RECEIVER],
    steps: [
      {
        turn: 'sender',
        seconds: 180,
        title: { en: 'Send', es: 'Exprese' },
        prompts: {
          sender: {
            en: 'Share what is on your mind, one piece at a time, about yourself.',
            es: 'Comparta lo que le preocupa, poco a poco, hablando de usted.',
          },
          receiver: { en: 'Listen closely; you will mirror next.', es: 'Escuche con atención; después reflejará.' },
        },
      },
      {
        turn: 'receiver',
        seconds: 120,
        title: { en: 'Mirror', es: 'Reflejar' },
        prompts: {
          sender: { en: 'Listen; add more if you are asked.', es: 'Escuche; añada más si se lo piden.' },
          receiver: {
            en: 'Repeat back what you heard, then check you got it and invite more.',
            es: 'Repita lo que escuchó, compruebe si lo entendió e invite a decir más.',
          },
        },
        stems: [
          { en: 'You said … Did I get that?', es: 'Usted dijo … ¿Lo entendí bien?' },
          { en: 'Is there more?', es: '¿Hay algo más?' },
        ],
      },
      {
        turn: 'receiver',
        seconds: 90,
        title: { en: 'Validate', es: 'Validar' },
        prompts: {
          sender: { en: 'Notice what it is like to be understood.', es: 'Note cómo es sentirse comprendido.' },
          receiver: {
            en: 'Say what makes sense about it from their side; you do not have to agree.',
            es: 'Diga qué tiene sentido desde su punto de vista; no hace falta estar de acuerdo.',
          },
        },
        stems: [{ en: 'That makes sense, because …', es: 'Tiene sentido, porque …' }],
      },
      {
        turn: 'receiver',
        seconds: 90,
        title: { en: 'Empathise', es: 'Empatizar' },
        prompts: {
          sender: { en: 'Say if the feeling fits.', es: 'Diga si ese sentimiento encaja.' },
          receiver: { en: 'Name the feeling you imagine.', es: 'Nombre el sentimiento que imagina.' },
        },
        stems: [{ en: 'I imagine you might feel …', es: 'Me imagino que quizá se siente …' }],
      },
    ],
  },
  {
    id: 'softened-startup',
    name: { en: 'Softened start-up', es: 'Inicio suave' },
    purpose: {
      en: 'Raise a complaint gently: a feeling, a specific event and a positive request, without blame or "always/never".',
      es: 'Plantear una queja con suavidad: un sentimiento, un hecho concreto y una petición positiva, sin culpas ni "siempre/nunca".',
    },
    roles: [SPEAKER, LISTENER],
    steps: [
      {
        turn: 'speaker',
        seconds: 120,
        title: { en: 'Start gently', es: 'Empiece con suavidad' },
        prompts: {
          speaker: {
            en: 'Describe one specific moment, your feeling about it, and what you would like instead.',
            es: 'Describa un momento concreto, lo que sintió y lo que le gustaría en su lugar.',
          },
          listener: {
            en: 'Listen for the need behind the words.',
            es: 'Escuche la necesidad detrás de las palabras.',
          },
        },
        stems: [
          {
            en: 'I feel [emotion] about [what happened], and I need [a positive request].',
            es: 'Me siento [emoción] por [lo que pasó], y necesito [una petición positiva].',
          },
        ],
      },
      {
        turn: 'listener',
        seconds: 90,
        title: { en: 'Receive the request', es: 'Reciba la petición' },
        prompts: {
          speaker: { en: 'Listen to how it landed.', es: 'Escuche cómo le llegó.' },
          listener: {
            en: 'Say back the request you heard and what you can offer.',
            es: 'Repita la petición que escuchó y lo que puede ofrecer.',
          },
        },
        stems: [{ en: 'What you need is … I can …', es: 'Lo que necesita es … Yo puedo …' }],
      },
    ],
  },
  {
    id: 'repair',
    name: { en: 'Repair after a hard moment', es: 'Reparar tras un mal momento' },
    purpose: {
      en: 'Once both are calm, revisit a regrettable incident in turns: feelings, each one’s view, triggers, each one’s share, and one change each.',
      es: 'Con calma, revisar un incidente lamentable por turnos: sentimientos, la visión de cada uno, detonantes, la parte de cada uno y un cambio cada uno.',
    },
    roles: [SPEAKER, LISTENER],
    steps: [
      {
        turn: 'speaker',
        seconds: 180,
        title: { en: 'Feelings', es: 'Sentimientos' },
        prompts: {
          speaker: {
            en: 'Name the feelings you had, without explaining why.',
            es: 'Nombre lo que sintió, sin explicar por qué.',
          },
          listener: { en: 'Listen; no defending.', es: 'Escuche; sin defenderse.' },
        },
        stems: [{ en: 'I felt …', es: 'Me sentí …' }],
      },
      {
        turn: 'speaker',
        seconds: 240,
        title: { en: 'Your reality', es: 'Su realidad' },
        prompts: {
          speaker: {
            en: 'Describe how it looked from where you stood, as your view, not the truth.',
            es: 'Describa cómo lo vio usted, como su punto de vista, no como la verdad.',
          },
          listener: {
            en: 'Summarise part of their view that you can understand.',
            es: 'Resuma la parte de su visión que puede entender.',
          },
        },
        stems: [{ en: 'From where I stood …', es: 'Desde mi lugar …' }],
      },
      {
        turn: 'speaker',
        seconds: 180,
        title: { en: 'Triggers', es: 'Detonantes' },
        prompts: {
          speaker: {
            en: 'Share an older experience this moment touched.',
            es: 'Comparta una experiencia anterior que este momento le despertó.',
          },
          listener: { en: 'Listen with curiosity.', es: 'Escuche con curiosidad.' },
        },
        stems: [{ en: 'It reminded me of …', es: 'Me recordó a …' }],
      },
      {
        turn: 'speaker',
        seconds: 180,
        title: { en: 'Your share', es: 'Su parte' },
        prompts: {
          speaker: {
            en: 'Say what you contributed and apologise for it if you wish.',
            es: 'Diga qué aportó usted y, si lo desea, discúlpese.',
          },
          listener: { en: 'Receive it; you will take your turn.', es: 'Recíbalo; tendrá su turno.' },
        },
        stems: [{ en: 'My part in this was …', es: 'Mi parte en esto fue …' }],
      },
      {
        turn: 'speaker',
        seconds: 180,
        title: { en: 'One change', es: 'Un cambio' },
        prompts: {
          speaker: {
            en: 'Name one thing you will do differently next time.',
            es: 'Nombre una cosa que hará distinto la próxima vez.',
          },
          listener: { en: 'Acknowledge it.', es: 'Reconózcalo.' },
        },
        stems: [{ en: 'Next time I will …', es: 'La próxima vez voy a …' }],
      },
    ],
  },
  {
    id: 'appreciation',
    name: { en: 'Appreciation exchange', es: 'Intercambio de aprecio' },
    purpose: {
      en: 'Notice and say out loud what you value in each other, specifically; the receiver mirrors it.',
      es: 'Notar y decir en voz alta lo que valoran del otro, de forma concreta; quien recibe lo refleja.',
    },
    roles: [SENDER, RECEIVER],
    steps: [
      {
        turn: 'sender',
        seconds: 150,
        title: { en: 'Appreciate', es: 'Aprecie' },
        prompts: {
          sender: {
            en: 'Name three specific things you appreciate, and why each matters to you.',
            es: 'Nombre tres cosas concretas que aprecia y por qué le importa cada una.',
          },
          receiver: { en: 'Let it in.', es: 'Déjelo entrar.' },
        },
        stems: [{ en: 'I appreciate it when you … because …', es: 'Aprecio cuando usted … porque …' }],
      },
      {
        turn: 'receiver',
        seconds: 150,
        title: { en: 'Mirror', es: 'Refleje' },
        prompts: {
          sender: { en: 'Hear it back.', es: 'Escúchelo de vuelta.' },
          receiver: { en: 'Say back what you heard.', es: 'Repita lo que escuchó.' },
        },
        stems: [{ en: 'You appreciate that I …', es: 'Usted aprecia que yo …' }],
      },
    ],
  },
];

function localise(source: ScriptSource, lang: Language): ScriptContent {
  return {
    name: source.name[lang],
    purpose: source.purpose[lang],
    roles: source.roles.map((r) => ({ id: r.id, name: r.name[lang] })),
    steps: source.steps.map((s) => ({
      title: s.title[lang],
      turn: s.turn,
      seconds: s.seconds,
      prompts: Object.fromEntries(Object.entries(s.prompts).map(([k, v]) => [k, v[lang]])),
      stems: (s.stems ?? []).map((t) => t[lang]),
    })),
  };
}

/** The built-in scripts, each with an English and a Spanish version. */
export const SCRIPT_LIBRARY: readonly ScriptDto[] = SOURCES.map((s) => ({
  id: s.id,
  builtin: true,
  language: 'en',
  contents: { en: localise(s, 'en'), es: localise(s, 'es') },
  updatedAt: null,
}));

export const BUILTIN_SCRIPT_IDS: readonly string[] = SOURCES.map((s) => s.id);

export function builtinScript(id: string): ScriptDto | undefined {
  return SCRIPT_LIBRARY.find((s) => s.id === id);
}
