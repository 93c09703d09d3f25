import { createContext } from 'preact';
import { browserClock, type Clock } from './Clock';

/** The clock the replay player runs on; tests provide a FakeClock. */
export const ClockContext = createContext<Clock>(browserClock);
