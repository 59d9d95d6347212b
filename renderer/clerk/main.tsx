import { mount } from '../components/AppRoot';
import { CaptureDemo } from './capture/CaptureDemo';
import { ClerkApp } from './ClerkApp';
import './clerk.css';

mount(new URLSearchParams(location.search).has('capture-demo') ? <CaptureDemo /> : <ClerkApp />);
