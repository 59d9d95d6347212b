import { mount } from '../components/AppRoot';
import { DisplayApp } from './DisplayApp';
import './display.css';

mount(<DisplayApp />);
