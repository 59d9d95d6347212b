import { mount } from '../components/AppRoot';
import { ClerkApp } from './ClerkApp';
import './clerk.css';

mount(<ClerkApp />);
