import { mount } from '../components/AppRoot';
import { KioskApp } from './KioskApp';
import './kiosk.css';

mount(<KioskApp />);
